#pragma once
/// @file runs.hpp
/// Reading a run store for people and programs (`statecraft runs list|show|compare|export`).
/// Every output starts with provenance.

#include <cstdint>
#include <string>

namespace statecraft::services {

/// The runs of the store at `path`, one line each. @throws IoError (66), store::NotAStoreError.
std::string runs_list(const std::string& path);

/// One run: its settings and, once finished, its questions (text), or its stored JSON report
/// (`json`). @throws store::NoSuchRunError.
std::string runs_show(const std::string& path, std::int64_t id, bool json);

/// Two finished runs, `ida` (a) and `idb` (b), question by question: each probability and the
/// difference b - a with its 95% interval, paired when the runs share seed and draws (common
/// random numbers).
std::string runs_compare(const std::string& path, std::int64_t ida, std::int64_t idb, bool json);

/// A table of a run (store::table_names()) as CSV (format "csv", provenance as '#' lines) or
/// JSON (format "json": provenance, columns and rows). @throws UsageError.
std::string runs_export(const std::string& path, std::int64_t id, const std::string& table, const std::string& format);

}  // namespace statecraft::services
