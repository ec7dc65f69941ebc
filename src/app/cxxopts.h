// cxxopts, configured for ci-triage: every command includes it from here.
#pragma once

// cxxopts splits a list option's values on commas by default, so the log path
// "a,b.log" became the two paths "a" and "b.log". Paths may hold commas; no
// command-line argument can hold a NUL byte.
#define CXXOPTS_VECTOR_DELIMITER '\0'
#include <cxxopts.hpp>
