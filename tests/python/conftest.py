"""Shared fixtures of the Python tests: the source tree, peer data, and one small forecast."""

import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("STATECRAFT_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
DATA = pathlib.Path(os.environ.get("STATECRAFT_DATA_DIR", SOURCE / "data" / "peers"))


@pytest.fixture(scope="session")
def source():
    return SOURCE


@pytest.fixture(scope="session")
def data():
    return DATA


@pytest.fixture(scope="session")
def small_forecast():
    import statecraft
    return statecraft.forecast(draws=200, bargaining_draws=10)
