"""The figures derived from the timings, the targets (PASS/FAIL), and the printed report."""

from __future__ import annotations

from compare import COMMANDS as COMPARED
from realdocs import GOALS as REAL_GOALS
from timing import MB

#: Commands whose time is given as a percent of a cold one.
COLD_OF = {
    "update_noop": "update_cold",
    "update_one_report": "update_cold",
    "build_noop": "build_cold",
    "build_one_catalog": "build_cold",
}

LABELS = {
    "floor_parse": "floor: parse all sources (markdown-it)",
    "floor_polib": "floor: load all catalogs (polib)",
    "update_cold": "update, cold",
    "update_noop": "update, no-op",
    "update_one_report": "update, one report changed",
    "status": "status, first run (no cache)",
    "check": "check, first run (no cache)",
    "build_cold": "build (html), cold",
    "build_noop": "build (html), no-op",
    "build_one_catalog": "build (html), one catalog changed",
    "update_cold_unstamped": "update, cold, catalogs without stamps",
    "update_new_project": "update, new project (no locales/)",
    "update_cold_parallel": "update, cold, all cores",
    "build_cold_parallel": "build (html), cold, all cores",
    "real_update_new_project": "update, new project (no locales/)",
    "real_update_full": "update, full (no cache, no stamps)",
    "real_status": "status, first run (no cache)",
    "real_check": "check, first run (no cache)",
    "real_build_html": "build (html), cold",
    "real_build_md": "build (md), cold",
}


def derive(commands: dict[str, dict[str, object]]) -> None:
    """Ratios to the parse floor, and percents of the cold figures."""
    floor = commands.get("floor_parse", {}).get("seconds")
    floor_cpu = commands.get("floor_parse", {}).get("cpu_seconds")
    for name, figure in commands.items():
        if floor and figure.get("seconds") is not None:
            figure["ratio_to_parse"] = round(float(figure["seconds"]) / float(floor), 2)  # type: ignore[arg-type]
        if floor_cpu and figure.get("cpu_seconds") is not None:
            figure["cpu_ratio_to_parse"] = round(float(figure["cpu_seconds"]) / float(floor_cpu), 2)  # type: ignore[arg-type]
        cold = commands.get(COLD_OF.get(name, ""), {}).get("seconds")
        if cold:
            figure["percent_of_cold"] = round(100 * float(figure["seconds"]) / float(cold), 2)  # type: ignore[arg-type]


def targets(results: dict[str, object], jobs: int) -> dict[str, dict[str, object]]:
    """Every target, PASS (``ok`` true), FAIL (false) or not measured (None)."""
    commands: dict[str, dict[str, object]] = results["commands"]  # type: ignore[assignment]
    competitors = results.get("competitors")
    if not isinstance(competitors, dict) or competitors.get("skipped"):
        competitors = None
    scaling: dict[str, object] | None = results.get("scaling")  # type: ignore[assignment]
    shards: dict[str, object] | None = results.get("shards")  # type: ignore[assignment]

    def get(name: str, key: str) -> float | None:
        value = commands.get(name, {}).get(key)
        return float(value) if value is not None else None  # type: ignore[arg-type]

    found: dict[str, dict[str, object]] = {}

    def add(name: str, text: str, value: float | None, limit: float, below: bool = True,
            cpu_value: float | None = None) -> None:
        def verdict(figure: float | None) -> bool | None:
            return None if figure is None else (figure <= limit if below else figure >= limit)
        found[name] = {"target": text, "value": value, "limit": limit, "ok": verdict(value)}
        if cpu_value is not None:
            found[name].update(cpu_value=cpu_value, cpu_ok=verdict(cpu_value))

    def same_outputs(name: str, text: str, figure: dict[str, object]) -> None:
        """A comparison of outputs (``identical``, with a note in ``outputs``)."""
        same = figure.get("identical")
        found[name] = {
            "target": text, "value": None, "ok": same,
            "detail": ("identical" if same else "DIFFERENT") + f" ({figure.get('outputs')})"
            if same is not None else None}

    def versus_parse(name: str, command: str, text: str, limit: float) -> None:
        """A command's wall time over the parse floor's (the verdict), and its CPU time over
        the floor's CPU time; on one core only."""
        one_core = jobs == 1
        add(name, f"{text} <= {limit:g}x the parse (one core)",
            get(command, "ratio_to_parse") if one_core else None, limit,
            cpu_value=get(command, "cpu_ratio_to_parse") if one_core else None)

    versus_parse("cold_update_vs_parse", "update_cold", "cold update (stamped catalogs)", 2.0)
    cold, fast = get("update_cold", "seconds"), get("update_cold_parallel", "seconds")
    add("cold_update_parallel_speedup", "cold update faster with two cores (speed-up > 1)",
        round(cold / fast, 2) if cold and fast else None, 1.0, below=False)
    add("noop_update_percent", "no-op update <= 2 % of cold update",
        get("update_noop", "percent_of_cold"), 2.0)
    add("noop_build_percent", "no-op build <= 2 % of cold build",
        get("build_noop", "percent_of_cold"), 2.0)
    add("one_report_update_percent", "update after one report changed <= 5 % of cold",
        get("update_one_report", "percent_of_cold"), 5.0)
    # With stamps, a cold update hardly works at all, so the two ratios above compare two
    # near-no-ops; against the full cold work (catalogs nobody stamped) they read:
    full = get("update_cold_unstamped", "seconds")
    for name, label, limit in (("update_noop", "no-op update", 2.0),
                               ("update_one_report", "update after one report changed", 5.0)):
        seconds = get(name, "seconds")
        add(f"{name}_of_unstamped", f"{label} <= {limit:g} % of a cold update without stamps",
            round(100 * seconds / full, 2) if seconds and full else None, limit)
    add("one_catalog_build_percent", "build after one catalog changed <= 5 % of cold",
        get("build_one_catalog", "percent_of_cold"), 5.0)
    # The cold paths that stamps and the cache do not cover (issue 14).
    versus_parse("full_update_vs_parse", "update_cold_unstamped",
                 "update, no cache, catalogs without stamps", 3.0)
    versus_parse("new_project_update_vs_parse", "update_new_project",
                 "update on a new project (templates and catalogs created)", 1.2)
    versus_parse("first_status_vs_parse", "status", "first status (no cache)", 2.0)
    versus_parse("first_check_vs_parse", "check", "first check (no cache)", 4.0)
    versus_parse("cold_build_vs_parse", "build_cold", "cold HTML build", 3.0)
    ttk = (competitors or {}).get("translate_toolkit_total")
    add("vs_translate_toolkit", "update + Markdown build >= 5x faster than md2po + po2md",
        (ttk.get("times_publisher_all_cores") or ttk.get("times_publisher"))
        if isinstance(ttk, dict) else None, 5.0, below=False)
    one_core = isinstance(ttk, dict) and jobs == 1
    add("vs_translate_toolkit_one_core",
        "(one core) update + Markdown build >= 5x faster than md2po + po2md",
        ttk.get("times_publisher") if one_core else None, 5.0, below=False,  # type: ignore[union-attr]
        cpu_value=ttk.get("cpu_times_publisher") if one_core else None)  # type: ignore[union-attr]
    mdpo = (competitors or {}).get("mdpo_loop")
    one_core = isinstance(mdpo, dict) and jobs == 1
    add("vs_mdpo_one_process",
        "(one core) update + Markdown build >= 2x faster than mdpo through its API in one "
        "process (its loop alone)",
        mdpo.get("times_publisher") if one_core else None, 2.0, below=False,  # type: ignore[union-attr]
        cpu_value=mdpo.get("cpu_times_publisher") if one_core else None)  # type: ignore[union-attr]
    pdf: dict[str, object] = results.get("pdf") or {}  # type: ignore[assignment]
    outside = pdf.get("outside_share")
    add("pdf_outside_weasyprint", "cold PDF build: time outside WeasyPrint's own rendering "
        "<= 10 %", round(100 * outside, 1) if outside is not None else None, 10.0,  # type: ignore[operator]
        cpu_value=(round(100 * pdf["outside_share_cpu"], 1)  # type: ignore[operator]
                   if pdf.get("outside_share_cpu") is not None else None))
    if pdf.get("error"):
        found["pdf_outside_weasyprint"].update(
            ok=False, detail=f"the PDF measurement failed: {str(pdf['error'])[:300]}")
    count = (shards or {}).get("count", "N")
    for command in ("update", "check", "build"):
        figure = (shards or {}).get(command) or {}
        what = {"update": "update (catalogs without stamps)", "check": "check",
                "build": "build (the parts and the merge)"}[command]
        add(f"shards_{command}_total", f"{what} in {count} parts one after another: total "
            "within 10 % of one run", figure.get("ratio"), 1.10,  # type: ignore[union-attr]
            cpu_value=figure.get("cpu_ratio"))  # type: ignore[union-attr]
        same_outputs(f"shards_{command}_identical",
                     f"{what} in {count} parts: outputs identical to one run's", figure)
    compare: dict[str, object] = results.get("compare") or {}  # type: ignore[assignment]
    if compare:
        for command, what in COMPARED.items():
            same_outputs(f"compare_{command}_identical",
                         f"{what}: outputs identical to {compare['revision']}'s",
                         compare.get(command) or {})  # type: ignore[arg-type]
    real: dict[str, object] = results.get("real") or {}  # type: ignore[assignment]
    real_commands: dict[str, dict[str, object]] = real.get("commands") or {}  # type: ignore[assignment]
    for command, (label, limit) in REAL_GOALS.items():
        figure = real_commands.get(command, {})
        one_core = jobs == 1 and bool(figure)
        add(f"{command}_vs_parse", f"real documents: {label} <= {limit:g}x their parse (one core)",
            figure.get("ratio_to_parse") if one_core else None, limit,  # type: ignore[arg-type]
            cpu_value=figure.get("cpu_ratio_to_parse") if one_core else None)  # type: ignore[arg-type]
    growth = (scaling or {}).get("peak_growth") or {}
    measured = sorted((scaling or {}).get("sizes", ()))  # type: ignore[type-var]
    sizes = f"{measured[0]:,} to {measured[-1]:,}" if len(measured) >= 2 else ""
    for key, name, label in (("memory_flat_update", "update_cold", "cold update"),
                             ("memory_flat_update_unstamped", "update_cold_unstamped",
                              "cold update without stamps (the full work)"),
                             ("memory_flat_build", "build_cold", "cold build")):
        add(key, f"peak memory of {label} flat from {sizes or 'the smallest to the largest'} "
            "reports (growth <= 1.25x)", growth.get(name), 1.25)  # type: ignore[union-attr]
    return found


def _fmt(value: object, spec: str, suffix: str = "") -> str:
    if value is None:
        return "-"
    return format(value, spec) + suffix


def print_report(results: dict[str, object]) -> None:
    commands: dict[str, dict[str, object]] = results["commands"]  # type: ignore[assignment]
    meta = results["meta"]
    archive = results["archive"]
    print()
    print(f"publisher benchmark: {meta['reports']} reports, seed {meta['seed']}, "  # type: ignore[index]
          f"{meta['repeat']} repetition(s), PUBLISHER_JOBS={meta['jobs']}, "  # type: ignore[index]
          f"{meta['cores']} cores, load {meta['load_before']} -> {meta['load_after']}")  # type: ignore[index]
    print(f"archive: {archive.get('words', 0):,} words, "  # type: ignore[union-attr]
          f"{(archive.get('content_bytes') or 0) / MB:.1f} MB of Markdown, "  # type: ignore[union-attr]
          f"{(archive.get('catalog_bytes') or 0) / MB:.1f} MB of catalogs")  # type: ignore[union-attr]
    print()
    print_table(commands)
    competitors = results.get("competitors")
    if isinstance(competitors, dict) and not competitors.get("skipped"):
        print()
        print(f"against other tools ({competitors['reports']} English reports -> Japanese Markdown):")
        rows = [("publisher update --lang ja + build --format md", competitors.get("publisher_total")),
                ("  the same, catalogs without stamps", competitors.get("publisher_total_unstamped")),
                ("  the same on all cores", competitors.get("publisher_total_all_cores"))]
        rows.append(("translate-toolkit md2po + po2md", competitors.get("translate_toolkit_total")))
        rows.append(("mdpo md2po + po2md (API, one process)", competitors.get("mdpo_total")))
        rows.append(("  its loop alone (no start-up, no imports)", competitors.get("mdpo_loop")))
        for label, figure in rows:
            if not isinstance(figure, dict):
                print(f"  {label:<48} not available")
                continue
            times = figure.get("times_publisher")
            cpu_times = figure.get("cpu_times_publisher")
            print(f"  {label:<48} {_fmt(figure.get('seconds'), '8.2f', ' s')} "
                  f"cpu {_fmt(figure.get('cpu_seconds'), '8.2f', ' s')} "
                  f"{_fmt(figure.get('peak_mb'), '7.1f', ' MB')}"
                  + (f"  ({times:.2f}x publisher's time" if times else "")
                  + (f", {cpu_times:.2f}x its CPU time" if times and cpu_times else "")
                  + (")" if times else ""))
    shards = results.get("shards")
    if isinstance(shards, dict):
        print_shards(shards)
    pdf = results.get("pdf")
    if isinstance(pdf, dict):
        print()
        if pdf.get("error"):
            print(f"PDF (pdf.py on {pdf['project']}): failed: {pdf['error']}")
        else:
            print(f"PDF (pdf.py, {pdf['reports']} report(s) of {pdf['project']}, one core): "
                  f"cold build {pdf['cold']:.2f} s (cpu {pdf['cold_cpu']:.2f} s) for "
                  f"{pdf['editions']:.0f} editions, {pdf['pages']:.0f} pages; WeasyPrint alone on "
                  f"the same HTML {pdf['weasyprint_alone']:.2f} s (cpu "
                  f"{pdf['weasyprint_alone_cpu']:.2f} s): {100 * pdf['outside_share']:.1f} % "  # type: ignore[operator]
                  f"outside WeasyPrint ({100 * pdf['outside_share_cpu']:.1f} % by CPU time); "  # type: ignore[operator]
                  f"no-op {100 * pdf['noop_share']:.2f} % of cold")  # type: ignore[operator]
    scaling = results.get("scaling")
    if isinstance(scaling, dict):
        print()
        print("peak memory (MB) by archive size:")
        sizes = [str(s) for s in scaling["sizes"]]  # type: ignore[union-attr]
        print(f"  {'command':<22}" + "".join(f"{s + ' reports':>16}" for s in sizes) + f"{'growth':>10}")
        for name in scaling["by_size"][sizes[0]]:  # type: ignore[index]
            cells = "".join(
                f"{_fmt(scaling['by_size'][s][name]['peak_mb'], '16.1f')}" for s in sizes)  # type: ignore[index]
            growth = (scaling.get("peak_growth") or {}).get(name)  # type: ignore[union-attr]
            print(f"  {name:<22}{cells}{_fmt(growth, '9.2f', 'x')}")
    real = results.get("real")
    if isinstance(real, dict):
        print_real(real)
    real_commands = (results.get("real") or {}).get("commands") or {}  # type: ignore[union-attr]
    real_commands = {f"{name} (real documents)" if name == "floor_parse" else name: figure
                     for name, figure in real_commands.items()}  # type: ignore[union-attr]
    busy = [name for name, figure in [*commands.items(), *real_commands.items()]
            if any(float(r.get("load_before", 0)) > meta["cores"]  # type: ignore[index, arg-type, union-attr]
                   for r in figure.get("runs", []))]  # type: ignore[union-attr]
    if busy:
        print()
        print(f"note: the machine was busy (1-minute load above {meta['cores']}) when these ran: "  # type: ignore[index]
              f"{', '.join(busy)}; their wall times are stretched, compare the cpu columns")
    print()
    print("targets:")
    print_targets(results["targets"])  # type: ignore[arg-type]


def print_table(commands: dict[str, dict[str, object]]) -> None:
    header = (f"{'figure':<38} {'wall s':>9} {'cpu s':>9} {'x parse':>8} {'cpu x':>7} "
              f"{'% cold':>7} {'peak MB':>8} {'exit':>5}")
    print(header)
    print("-" * len(header))
    for name, figure in commands.items():
        peak = figure.get("peak_tree_mb") or figure.get("peak_mb")
        print(f"{LABELS.get(name, name):<38} {_fmt(figure.get('seconds'), '9.2f')} "
              f"{_fmt(figure.get('cpu_seconds'), '9.2f')} "
              f"{_fmt(figure.get('ratio_to_parse'), '7.2f', 'x')} "
              f"{_fmt(figure.get('cpu_ratio_to_parse'), '6.2f', 'x')} "
              f"{_fmt(figure.get('percent_of_cold'), '6.1f', '%')} "
              f"{_fmt(peak, '8.1f')} "
              f"{','.join(str(c) for c in figure.get('exit_codes', [])):>5}")  # type: ignore[union-attr]


def print_real(real: dict[str, object]) -> None:
    project: dict[str, object] = real["project"]  # type: ignore[assignment]
    translations: dict[str, object] = project.get("translations") or {}  # type: ignore[assignment]
    print()
    print(f"real-world documents (tests/data/realworld/): {project['files']} files (the "
          f"{project['documents']} documents copied in turn, {project['copies']} round(s)), "
          f"{int(project['content_bytes']) / MB:.1f} MB of Markdown, "  # type: ignore[call-overload]
          f"{int(project.get('catalog_bytes') or 0) / MB:.1f} MB of catalogs; "  # type: ignore[call-overload]
          f"{translations.get('entries', 0):,} entries pseudo-translated "
          f"({translations.get('same_as_msgid', 0)} equal to their msgid), re-saved by "
          f"{project.get('resaved_by')}")
    print()
    print_table(real["commands"])  # type: ignore[arg-type]


def print_shards(shards: dict[str, object]) -> None:
    count = shards["count"]
    print()
    print(f"--shard K/N: {count} parts run one after another against one run "
          f"(PUBLISHER_JOBS={shards['jobs']}, no cache for any run):")
    print(f"  {'command':<8} {'one run s':>10} {'cpu s':>8} {'parts s':>10} {'cpu s':>8} "
          f"{'ratio':>7} {'cpu':>7}  outputs")
    for command in ("update", "check", "build"):
        figure: dict[str, dict[str, float]] = shards[command]  # type: ignore[assignment]
        one, total = figure["one_run"], figure["total"]
        same = figure["identical"]
        print(f"  {command:<8} {one['seconds']:>10.2f} {one['cpu_seconds']:>8.2f} "
              f"{total['seconds']:>10.2f} {total['cpu_seconds']:>8.2f} "
              f"{_fmt(figure['ratio'], '6.2f', 'x')} {_fmt(figure['cpu_ratio'], '6.2f', 'x')}  "
              f"{'identical' if same else 'DIFFERENT'} ({figure['outputs']})")
        parts = " + ".join(f"{p['seconds']:.2f}" for p in figure["parts"])  # type: ignore[index]
        print(f"  {'':<8} parts: {parts} s" + (" (the last is the merge)" if command == "build" else ""))


def print_targets(found: dict[str, dict[str, object]], indent: str = "  ") -> None:
    states = {True: "PASS", False: "FAIL", None: "n/a "}
    for target in found.values():
        extra = ""
        if target.get("cpu_value") is not None:
            extra = f" (by CPU time: {target['cpu_value']:.2f}"
            if target.get("cpu_ok") is not None and target["cpu_ok"] != target["ok"]:
                extra += f", {states[target['cpu_ok']]}"  # type: ignore[index]
            extra += ")"
        value = target.get("detail") or _fmt(target["value"], ".2f")
        print(f"{indent}[{states[target['ok']]}] {target['target']}: "  # type: ignore[index]
              f"{value}{extra}")

