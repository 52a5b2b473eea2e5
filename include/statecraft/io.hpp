#pragma once
/// @file io.hpp
/// File input and output: whole-file reads with clear errors, atomic writes (a temporary file
/// renamed over the target, so a reader never sees a half-written output), and SHA-256.

#include <string>
#include <string_view>

namespace statecraft {

/// Reads a whole file. @throws IoError (exit 66 when missing or unreadable, 74 on read errors).
std::string read_file(const std::string& path);

/// Writes `content` to `path` atomically: temp file in the same directory, flush, rename.
/// "-" writes to standard output. @throws IoError (exit 74).
void write_file_atomic(const std::string& path, std::string_view content);

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace statecraft
