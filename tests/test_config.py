"""Settings: defaults, a TOML file, then LAWGRAPH_* environment variables."""

from __future__ import annotations

import pytest

from lawgraph.config import Settings, load_settings
from lawgraph.errors import InputError


def test_defaults():
    settings = load_settings(env={})
    assert settings.store == "var/store"
    assert settings.public_read is True
    assert settings.store_timeout == 60.0
    assert (settings.log_format, settings.log_level) == ("", "")  # no logs unless asked


def test_log_settings_in_a_file(tmp_path):
    path = tmp_path / "lawgraph.toml"
    path.write_text('log_format = "text"\nstore_timeout = 5\n', "utf-8")
    settings = load_settings(path, env={"LAWGRAPH_LOG_FORMAT": "json"})
    assert (settings.log_format, settings.store_timeout) == ("json", 5.0)


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [
        ({"LAWGRAPH_STORE": "http://127.0.0.1:7878"}, "store", "http://127.0.0.1:7878"),
        ({"LAWGRAPH_QUERY_TIMEOUT": "2.5"}, "query_timeout", 2.5),
        ({"LAWGRAPH_QUERY_LIMIT": "50"}, "query_limit", 50),
        ({"LAWGRAPH_PUBLIC_READ": "false"}, "public_read", False),
        ({"LAWGRAPH_PUBLIC_READ": "yes"}, "public_read", True),
        ({"LAWGRAPH_STORE_TIMEOUT": "300"}, "store_timeout", 300.0),
        ({"LAWGRAPH_LOG_FORMAT": "JSON"}, "log_format", "json"),
        ({"LAWGRAPH_LOG_LEVEL": "Debug"}, "log_level", "debug"),
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
        ({"LAWGRAPH_STORE_TIMEOUT": "soon"}, "expected a float"),
        ({"LAWGRAPH_STORE_TIMEOUT": "0"}, "store_timeout: expected a number of seconds above 0"),
        ({"LAWGRAPH_LOG_FORMAT": "xml"}, "log_format: expected one of json, text, got 'xml'"),
        ({"LAWGRAPH_LOG_LEVEL": "loud"}, "log_level: expected one of debug"),
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
