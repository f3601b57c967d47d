"""Settings: defaults, a TOML file, then LAWGRAPH_* environment variables."""

from __future__ import annotations

import pytest

from lawgraph.config import Settings, load_settings
from lawgraph.errors import InputError


def test_defaults():
    settings = load_settings(env={})
    assert settings.store == "var/store"
    assert settings.public_read is True


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [
        ({"LAWGRAPH_STORE": "http://127.0.0.1:7878"}, "store", "http://127.0.0.1:7878"),
        ({"LAWGRAPH_QUERY_TIMEOUT": "2.5"}, "query_timeout", 2.5),
        ({"LAWGRAPH_QUERY_LIMIT": "50"}, "query_limit", 50),
        ({"LAWGRAPH_PUBLIC_READ": "false"}, "public_read", False),
        ({"LAWGRAPH_PUBLIC_READ": "yes"}, "public_read", True),
    ],
)
def test_environment_overrides(env, field, value):
    assert getattr(load_settings(env=env), field) == value


def test_file_then_environment(tmp_path):
    path = tmp_path / "lawgraph.toml"
    path.write_text('store = "/srv/store"\nquery_limit = 20\n', "utf-8")
    settings = load_settings(path, env={"LAWGRAPH_QUERY_LIMIT": "30"})
    assert (settings.store, settings.query_limit) == ("/srv/store", 30)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LAWGRAPH_QUERY_LIMIT": "many"}, "expected a int"),
        ({"LAWGRAPH_PUBLIC_READ": "maybe"}, "expected a bool"),
    ],
)
def test_bad_values_are_named(env, message):
    with pytest.raises(InputError, match=message):
        load_settings(env=env)


def test_unknown_setting_in_a_file(tmp_path):
    path = tmp_path / "lawgraph.toml"
    path.write_text('stroe = "x"\n', "utf-8")
    with pytest.raises(InputError, match="unknown settings"):
        load_settings(path, env={})


def test_every_setting_is_documented():
    import lawgraph.config as config

    for name in Settings.__dataclass_fields__:
        assert f"``LAWGRAPH_{name.upper()}``" in config.__doc__, name
