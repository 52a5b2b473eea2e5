"""Bad input raises statecraft's exceptions, with the file, line and column of the problem."""

import pytest

import statecraft


def test_scenario_error_carries_file_line_and_column(source):
    bad = source / "tests" / "data" / "bad_normal_sd.yaml"
    with pytest.raises(statecraft.ScenarioError) as e:
        statecraft.forecast(bad, draws=10)
    err = e.value
    assert err.code == 65
    assert err.file.endswith("bad_normal_sd.yaml") and err.line == 10 and err.column == 8
    assert err.diagnostics[0].path.startswith("parameters.p_x")
    assert "bad_normal_sd.yaml:10:8:" in str(err)


def test_format_error_of_a_game_file(tmp_path):
    game = tmp_path / "broken.nfg"
    game.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3\n')
    with pytest.raises(statecraft.FormatError) as e:
        statecraft.solve(game)
    assert e.value.code == 65
    assert e.value.file == str(game) and e.value.line >= 1 and e.value.column >= 1
    assert isinstance(e.value, statecraft.Error)


def test_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(statecraft.IoError) as e:
        statecraft.forecast(tmp_path / "nope.yaml")
    assert e.value.code == 66 and e.value.line is None
    assert isinstance(e.value, OSError)


def test_usage_errors(source):
    with pytest.raises(statecraft.UsageError) as e:
        statecraft.forecast(draws=0)
    assert e.value.code == 64 and isinstance(e.value, ValueError)
    with pytest.raises(statecraft.UsageError):
        statecraft.solve(source / "data" / "peers" / "gambit-games" / "2x2.nfg", method="nope")
    with pytest.raises(statecraft.UsageError):
        statecraft.simulate(mode="mesa", steps=1, seed=-1)
    with pytest.raises(statecraft.UsageError):
        statecraft.bargain(source / "README.md")
