// statecraft runs list|show|compare|export|resume STORE ...: the runs kept by `forecast --store`.

#include <unistd.h>

#include <iostream>

#include "command_registry.hpp"
#include "progress.hpp"
#include "statecraft/io.hpp"
#include "statecraft/report/forecast_report.hpp"
#include "statecraft/services/run_store.hpp"
#include "statecraft/services/runs.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  std::string store, table = "questions", format = "csv", out = "-", json;
  std::int64_t run = 0, run_b = 0;
  bool as_json = false, quiet = false;
  int threads = 0;
};

/// Writes `text` to `path` ('-': standard output), all or nothing.
int write(const std::string& path, const std::string& store, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    return 0;
  }
  OutputSet outputs({path}, {store});
  outputs.put(path, text);
  outputs.commit();
  return 0;
}

CLI::App* add(CLI::App* runs, const char* name, const char* help, Options& o) {
  auto* sub = runs->add_subcommand(name, help);
  sub->add_option("store", o.store, "Run store (an SQLite file written by `statecraft forecast --store`)")->required();
  return sub;
}

Command make(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* runs = parent.add_subcommand("runs", "Query the runs kept in a run store (forecast --store)");
  runs->require_subcommand(1);
  auto* list = add(runs, "list", "List the runs of a store", *o);
  auto* show = add(runs, "show", "Show one run: settings and question results", *o);
  show->add_option("run", o->run, "Run id")->required();
  show->add_flag("--json", o->as_json, "Print the run's stored JSON report instead");
  auto* compare = add(runs, "compare", "Compare two runs question by question (b - a, with a 95% interval)", *o);
  compare->add_option("a", o->run, "Run id a")->required();
  compare->add_option("b", o->run_b, "Run id b")->required();
  compare->add_flag("--json", o->as_json, "JSON instead of text");
  auto* exp = add(runs, "export", "Export a table of a run as CSV or JSON", *o);
  exp->add_option("run", o->run, "Run id")->required();
  exp->add_option("--table", o->table,
                  "questions, question_months, issues, timeline, timeline_shares, parameters or answers");
  exp->add_option("--format", o->format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
  exp->add_option("-o,--out", o->out, "Output file ('-' for standard output)");
  auto* resume = add(runs, "resume", "Finish an interrupted run (same numbers as an uninterrupted one)", *o);
  resume->add_option("run", o->run, "Run id")->required();
  resume->add_option("-t,--threads", o->threads, "Threads (0 = all cores)")->check(CLI::Range(0, 1024));
  resume->add_option("--json", o->json, "Write the forecast as JSON to this file ('-' for standard output)");
  resume->add_flag("-q,--quiet", o->quiet, "Do not print the terminal report");
  return {runs, [o, list, show, compare, exp] {
            if (list->parsed()) return write("-", o->store, services::runs_list(o->store));
            if (show->parsed()) return write("-", o->store, services::runs_show(o->store, o->run, o->as_json));
            if (compare->parsed())
              return write("-", o->store, services::runs_compare(o->store, o->run, o->run_b, o->as_json));
            if (exp->parsed())
              return write(o->out, o->store, services::runs_export(o->store, o->run, o->table, o->format));
            OutputSet outputs({o->json}, {o->store});
            services::Callbacks cb;
            cb.log = [](const std::string& m) { std::cerr << m << "\n"; };
            if (::isatty(STDERR_FILENO) && !o->quiet) cb.progress = progress_bar("forecast");
            const auto r = services::resume_run(o->store, o->run, o->threads, cb);
            if (!o->json.empty()) outputs.put(o->json, report::forecast_json(r.result));
            outputs.commit();
            if (!o->quiet && o->json != "-") std::cout << report::forecast_text(r.result);
            return 0;
          }};
}

const Registrar kRegistrar{25, &make};

}  // namespace
}  // namespace statecraft::cli
