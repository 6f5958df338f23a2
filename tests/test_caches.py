"""Process-wide caches hold catalogue data only: what a user types or chooses never stays in a worker."""

from __future__ import annotations

from support import Browser

from builder import caches

MARK = "Zzq-eigen-tekst-8531"


def cached_text() -> str:
    """Everything every cache holds now, keys and values, as text."""
    return "\n".join(repr(key) + repr(value) for cache in caches.ALL for key, value in cache._items.items())


def test_a_journey_full_of_own_text_leaves_no_trace_in_any_cache(client):
    caches.clear_all()
    user = Browser(client)
    user.start()
    user.organisation(name=f"Gemeente {MARK}", title=f"Nota {MARK}", author_name=MARK)
    user.submit("/nota/inleiding", {"vision": f"Onze visie {MARK}"})
    user.submit(
        "/nota/onderdeel/5.2",
        {
            "include_0": "y",
            "text_0": f"Herschreven {MARK}",
            "include_5": "y",
            "variant_5": "Variant",
            "fill_5": f"de dienst {MARK}",
            "own_text_new": f"Eigen afspraak {MARK}",
            "action": "save",
        },
    )
    user.get("/nota/onderdeel/5.2")
    user.submit("/nota/onderdeel/5.2", {"text_1": "x" * 30_000, "action": "save"}, status=400)
    user.submit("/nota/eigen-onderdelen", {"new_title": f"Onderdeel {MARK}", "action": "add"})
    user.get("/nota/overzicht")
    user.get("/nota/nalezen")
    assert MARK in user.page, "the review shows the user's texts"
    user.client.post("/taal", data={"lang": "en", "csrf_token": user.hidden("csrf_token"), "next": "/nota/nalezen"})
    user.get("/nota/nalezen")
    assert caches.agreement_heads.keys(), "the section page used its cache"
    assert MARK not in cached_text()
    assert "x" * 1000 not in cached_text()


def test_every_cache_is_bounded_and_says_what_its_key_is():
    assert len(caches.ALL) >= 5
    for cache in caches.ALL:
        assert 1 <= cache.maxsize <= 4096, cache.name
        assert cache.key, f"{cache.name}: say what the key is made of"


def test_a_full_cache_forgets_its_oldest_entry_first():
    cache = caches.Cache("test", 2, key="a number")
    caches.ALL.remove(cache)
    for n in range(3):
        cache.get(n, lambda n=n: n * 10)
    assert cache.keys() == [1, 2]
    assert cache.get(1, lambda: "made again") == 10
    assert cache.get(0, lambda: "made again") == "made again"
    assert cache.keys() == [2, 0]
