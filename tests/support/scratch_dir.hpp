#pragma once
// A test fixture with its own scratch folder (made fresh for each test, removed after), and
// device nodes made inside it with mknod: tests never touch the real /dev (they run as root,
// and output code that renames over a target would destroy a real device node).

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_run.hpp"

namespace statecraft::testing {

/// The bytes of a file ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Writes `text` to a file.
inline void spit(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

class ScratchDir : public ::testing::Test {
 protected:
  explicit ScratchDir(std::string prefix = "") : prefix_(std::move(prefix)) {}

  void SetUp() override {
    dir_ = scratch_path(prefix_ + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// A character device node in the scratch folder: minor 3 discards (like /dev/null), minor 7
  /// is always full (like /dev/full).
  std::filesystem::path device(const std::string& name, unsigned minor) {
    const std::filesystem::path p = dir_ / name;
    if (::mknod(p.c_str(), S_IFCHR | 0666, ::makedev(1, minor)) != 0)
      ADD_FAILURE() << "mknod " << p << " failed (the tests run as root)";
    return p;
  }

  static bool is_char_device(const std::filesystem::path& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
  }

  std::filesystem::path dir_;

 private:
  std::string prefix_;
};

}  // namespace statecraft::testing
