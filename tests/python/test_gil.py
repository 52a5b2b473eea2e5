"""A run releases the GIL: another Python thread makes progress while forecast runs.

Not a timing test: the switch interval is set so long that, were the GIL held during the run,
the other thread could not run a single step until the run returned (it gives the GIL up only
itself, in time.sleep(0)). The counter is read just before and just after the compiled call
(statecraft._statecraft._forecast, without the pandas conversion, which may release the GIL on
its own), so only the run itself can let the thread count. The run is repeated a few times so
that a loaded machine cannot starve the thread of every chance."""

import sys
import threading
import time

from statecraft import _statecraft


def count_while(run):
    counter = [0]
    stop, started = threading.Event(), threading.Event()

    def count():
        started.set()
        while not stop.is_set():
            counter[0] += 1
            time.sleep(0)  # gives the GIL up, so that the main thread can take it back

    interval = sys.getswitchinterval()
    # Before the thread starts, so that it never waits for the GIL with a shorter interval.
    sys.setswitchinterval(1000.0)
    worker = threading.Thread(target=count)
    progressed = 0
    try:
        worker.start()
        started.wait()
        for _ in range(5):
            before = counter[0]
            run()
            progressed = counter[0] - before
            if progressed > 0:
                break
    finally:
        stop.set()
        if worker.is_alive():
            worker.join()
        sys.setswitchinterval(interval)
    return progressed


def test_another_thread_runs_during_a_forecast():
    assert count_while(lambda: _statecraft._forecast("", 100, None, 1, 5, None)) > 0


def test_another_thread_runs_during_a_simulation():
    assert count_while(lambda: _statecraft._simulate("", 0, 300, "netlogo", "1", 1, "auto", [], None, None)) > 0


def test_another_thread_runs_during_a_comparison(source):
    whatif = str(source / "tests" / "data" / "whatif_variants.yaml")
    assert count_while(lambda: _statecraft._compare(whatif, ["higher"], [], None, 2000, 1, 0, None)) > 0


def test_another_thread_runs_during_a_sensitivity_analysis(source):
    whatif = str(source / "tests" / "data" / "whatif_variants.yaml")
    assert count_while(lambda: _statecraft._sensitivity(whatif, 64, None, 1, 20, 4, None)) > 0
