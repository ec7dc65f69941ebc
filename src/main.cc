// Thin: argv/stdio → run_cli.
#include <csignal>
#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  return ci_triage::run_cli(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
