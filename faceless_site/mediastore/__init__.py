"""The media store: where footage, narration, renders, drafts, thumbnails and exports' sources live.

Every caller goes through `faceless_site.mediastore.files` (the one API); `s3.py` speaks to
S3-compatible object storage, `scratch.py` keeps a machine's local copies, `errors.py` says what
went wrong and what to do.
"""
