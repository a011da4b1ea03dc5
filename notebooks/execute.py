"""Executes notebooks with the aimc-java kernel and checks what they produced.

Usage: /usr/bin/python3 notebooks/execute.py OUT_DIR LOG_DIR NOTEBOOK.ipynb ...

Each executed copy is written to OUT_DIR (also when a cell fails, so the error can be read there),
the kernel's own log to LOG_DIR/NAME.kernel.log.
Exit status 1, with one line per problem on stderr, if a cell failed or was not run, or if a cell
tagged "figure" shows no image/png.

Why not `jupyter nbconvert --execute`: rapaio-jupyter-kernel 3.0.1 binds its sockets before it
installs its message handlers, and a request that arrives in between kills its shell thread (a
NullPointerException in Channels.getHandler), after which the kernel never answers. nbconvert asks
at once; on a loaded machine the request lands in that window. Here the client connects only once
the kernel's log says its shell socket is bound, and a grace period has passed.
"""
import os
import re
import sys
import time
import traceback

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL = "aimc-java"
GRACE_SECONDS = 3.0
START_TIMEOUT_SECONDS = 180
KERNEL_INFO_TIMEOUT_SECONDS = 45
START_ATTEMPTS = 6  # a kernel that never answers was seen in about one start of five on a loaded machine
CELL_TIMEOUT_SECONDS = 900
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def wait_until_bound(log_path):
    """Waits until the kernel's log says that its shell socket is bound, then a grace period.

    The log, not a probe of the port: a bare TCP connection to the kernel's ZeroMQ sockets is not
    harmless to it.
    """
    deadline = time.time() + START_TIMEOUT_SECONDS
    while "[ShellChannel]: Binding" not in open(log_path, errors="replace").read():
        if time.time() > deadline:
            raise RuntimeError(f"the kernel did not bind its sockets within {START_TIMEOUT_SECONDS} s; see {log_path}")
        time.sleep(0.2)
    time.sleep(GRACE_SECONDS)


class Client(NotebookClient):
    """Connects to the kernel only once it can answer (see the module's note)."""

    log_path = None

    async def async_start_new_kernel(self, **kwargs):
        await super().async_start_new_kernel(**kwargs)
        wait_until_bound(self.log_path)


def coalesce_streams(nb):
    """Joins consecutive pieces of one stream (the kernel sends every write apart) and drops its colour codes."""
    for cell in nb.cells:
        merged = []
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                o["text"] = ANSI.sub("", o["text"])
                if merged and merged[-1].get("output_type") == "stream" and merged[-1]["name"] == o["name"]:
                    merged[-1]["text"] += o["text"]
                    continue
            merged.append(o)
        if cell.cell_type == "code":
            cell.outputs = merged


def problems(nb, name):
    found = []
    figures = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = f"{name}: cell {i + 1}"
        outputs = cell.get("outputs", [])
        for o in outputs:
            if o.get("output_type") == "error":
                trace = ANSI.sub("", "\n".join(o.get("traceback", [])))
                found.append(f"{where} failed: {o.get('ename')}: {ANSI.sub('', str(o.get('evalue', '')))}\n{trace[-3000:]}")
        if cell.get("execution_count") is None and cell.source.strip():
            found.append(f"{where} was not run")
        if "figure" in cell.get("metadata", {}).get("tags", []):
            figures += 1
            if not any("image/png" in o.get("data", {}) for o in outputs):
                found.append(f"{where} is tagged 'figure' but shows no image/png")
    if figures == 0:
        found.append(f"{name}: no cell is tagged 'figure'; tag the cells that draw a plot")
    return found


def execute(path, out_dir, log_dir):
    name = os.path.basename(path)
    os.makedirs(log_dir, exist_ok=True)
    for attempt in range(1, START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        with open(os.path.join(log_dir, name[:-len(".ipynb")] + ".kernel.log"), "w", buffering=1) as log:
            client = Client(nb, timeout=CELL_TIMEOUT_SECONDS, kernel_name=KERNEL, startup_timeout=KERNEL_INFO_TIMEOUT_SECONDS,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
            client.log_path = log.name
            try:
                client.execute(stdout=log, stderr=log)
            except CellExecutionError:
                pass  # recorded in the cell's outputs; reported below
            except RuntimeError as e:
                # Seen here now and then on a loaded machine: the kernel binds its sockets but never
                # answers the first request. A fresh kernel does.
                if "didn't respond" not in str(e) or attempt == START_ATTEMPTS:
                    raise
                print(f"notebooks/run: {name}: the kernel did not answer (attempt {attempt} of {START_ATTEMPTS}); "
                      "starting another", file=sys.stderr, flush=True)
                continue
        coalesce_streams(nb)
        nbformat.write(nb, os.path.join(out_dir, name))
        return problems(nb, name)


def main(out_dir, log_dir, paths):
    os.makedirs(out_dir, exist_ok=True)
    failed = False
    for path in paths:
        start = time.time()
        print(f"notebooks/run: executing {os.path.basename(path)} ...", file=sys.stderr, flush=True)
        try:
            found = execute(path, out_dir, log_dir)
        except Exception as e:  # the kernel would not start, or the notebook would not load
            found = [f"{os.path.basename(path)}: {type(e).__name__}: {e}\n{traceback.format_exc()}"]
        for p in found:
            print("notebooks/run: " + p, file=sys.stderr)
        failed |= bool(found)
        status = "FAILED" if found else "ok"
        print(f"notebooks/run: {os.path.basename(path)} {status} in {time.time() - start:.0f} s", file=sys.stderr, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
