#pragma once
/// @file runs.hpp
/// Reading a run store for people and programs (`statecraft runs list|show|compare|export`).
/// Every output starts with provenance.

#include <cstdint>
#include <string>

namespace statecraft::services {

/// The runs of a store, one line each. @throws IoError (66), store::NotAStoreError.
std::string runs_list(const std::string& store);

/// One run: its settings and, once finished, its questions (text), or its stored JSON report
/// (`json`). @throws store::NoSuchRunError.
std::string runs_show(const std::string& store, std::int64_t id, bool json);

/// Two finished runs question by question: each probability and the difference b - a with its
/// 95% interval, paired when the runs share seed and draws (common random numbers).
std::string runs_compare(const std::string& store, std::int64_t a, std::int64_t b, bool json);

/// A table of a run (store::table_names()) as CSV (format "csv", provenance as '#' lines) or
/// JSON (format "json": provenance, columns and rows). @throws UsageError.
std::string runs_export(const std::string& store, std::int64_t id, const std::string& table, const std::string& format);

}  // namespace statecraft::services
