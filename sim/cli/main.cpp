// podsim: discrete-event simulator of job scheduling on GPU datacenters.
// Exit codes: 0 success, 1 internal error, 2 bad input (InputError or bad command line).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/check_command.hpp"
#include "cli/compare_command.hpp"
#include "cli/plan_command.hpp"
#include "cli/run_command.hpp"
#include "cli/sweep_command.hpp"
#include "cli/topology_command.hpp"
#include "cli/trace_command.hpp"
#include "common/input_error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"podsim: what happens to this workload, on this machine, under this policy?"};
  app.require_subcommand(1);
  // The global flags also after the sub-command (`podsim run -v`): sub-commands created from
  // here on pass options they do not know to this parent.
  app.fallthrough();
  int verbosity = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbosity, "more log output: what was read and chosen");
  app.add_flag("-q,--quiet", quiet, "errors only");
  app.set_version_flag("--version", "podsim 0.1.0");

  podsim::RunOptions run_options;
  podsim::TopologyOptions topology_options;
  CLI::App* run = podsim::add_run_command(app, run_options);
  CLI::App* topology = podsim::add_topology_command(app, topology_options);
  podsim::TraceCommandOptions trace_options;
  CLI::App* trace = podsim::add_trace_command(app, trace_options);
  podsim::CompareOptions compare_options;
  CLI::App* compare = podsim::add_compare_command(app, compare_options);
  podsim::SweepOptions sweep_options;
  CLI::App* sweep = podsim::add_sweep_command(app, sweep_options);
  podsim::SweepOptions plan_options;
  CLI::App* plan = podsim::add_plan_command(app, plan_options);
  podsim::CheckOptions check_options;
  CLI::App* check = podsim::add_check_command(app, check_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return 2;
  }

  spdlog::set_pattern("podsim: %l: %v");
  spdlog::set_level(quiet            ? spdlog::level::err
                    : verbosity >= 2 ? spdlog::level::debug
                    : verbosity == 1 ? spdlog::level::info
                                     : spdlog::level::warn);
  run_options.show_progress = !quiet;
  sweep_options.show_progress = !quiet;
  plan_options.show_progress = !quiet;
  try {
    if (run->parsed()) return podsim::run_command(run_options, std::cout);
    if (topology->parsed()) return podsim::topology_command(topology_options, std::cout);
    if (trace->parsed()) return podsim::trace_command(trace_options, std::cout);
    if (compare->parsed()) return podsim::compare_command(compare_options, std::cout);
    if (sweep->parsed()) return podsim::sweep_command(sweep_options, std::cout);
    if (plan->parsed()) return podsim::plan_command(plan_options, std::cout);
    if (check->parsed()) return podsim::check_command(check_options, std::cout);
  } catch (const podsim::InputError& error) {
    std::cerr << "podsim: error: " << error.what() << '\n';
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "podsim: internal error: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
