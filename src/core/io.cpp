#include "statecraft/io.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "statecraft/error.hpp"

namespace statecraft {

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw IoError(ExitCode::kNoInput, path + ": no such file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw IoError(ExitCode::kNoInput, path + ": is a directory, expected a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(ExitCode::kNoInput, path + ": cannot open: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError(ExitCode::kIoErr, path + ": read error");
  return ss.str();
}

void write_file_atomic(const std::string& path, std::string_view content) {
  if (path.empty()) throw UsageError("an output path is empty");
  OutputSet out({path}, {});
  out.put(path, content);
  out.commit();
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw InternalError("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * std::size_t{len});
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace statecraft
