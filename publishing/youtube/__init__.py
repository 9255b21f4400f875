"""YouTube through google-api-python-client: building clients against settings' endpoints with a
connected account's credentials, the resumable upload, thumbnails and playlists, analytics reports,
and the quota ledger. Only this package imports googleapiclient and google.auth."""
