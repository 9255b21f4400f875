"""A scene's visual brief and footage searches derived from its own words when no model gave them."""

from __future__ import annotations

from videos.llm.queries import footage_brief, scene_footage_fields


def test_queries_go_from_the_scenes_names_to_the_videos_subject():
    brief, queries = footage_brief("During spring tides, the Bay of Fundy rises sixteen metres in 1869.",
                                   language="en", subject="tides")
    assert queries[0] == "Bay of Fundy" and queries[-1] == "tides" and 2 <= len(queries) <= 3
    assert brief.startswith("Bay of Fundy (1869)")


def test_the_writers_own_query_is_the_strictest_and_queries_are_short_and_unique():
    _brief, queries = footage_brief("The old lighthouse keeper climbed the tower every night.", language="en",
                                    visual_query="lighthouse tower night", subject="Lighthouse tower night")
    assert queries[0] == "lighthouse tower night"
    assert len({q.lower() for q in queries}) == len(queries)
    assert all(len(q.split()) <= 5 for q in queries)


def test_a_writers_english_queries_are_kept_with_their_language():
    fields = scene_footage_fields("Le pont relie les deux rives.", language="fr", visual_query="pont",
                                  queries=("suspension bridge river", "bridge"), subject="ponts")
    assert fields["footage_queries"] == ["suspension bridge river", "bridge"] and fields["queries_language"] == "en"
    assert fields["visual_brief"]  # derived from the scene when the writer gave queries but no brief
