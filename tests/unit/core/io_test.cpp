#include "statecraft/io.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "statecraft/error.hpp"

TEST(Io, Sha256KnownAnswers) {
  EXPECT_EQ(statecraft::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(statecraft::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Io, AtomicWriteThenRead) {
  const auto dir = std::filesystem::temp_directory_path() / "statecraft_io_test";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "out.txt").string();
  statecraft::write_file_atomic(path, "first");
  statecraft::write_file_atomic(path, "second");
  EXPECT_EQ(statecraft::read_file(path), "second");
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(e.path().filename(), "out.txt") << "no temporary file may be left behind";
  }
  std::filesystem::remove_all(dir);
}

TEST(Io, MissingFileIsNoInput) {
  try {
    statecraft::read_file("/nonexistent/statecraft/file.yaml");
    FAIL() << "expected IoError";
  } catch (const statecraft::IoError& e) {
    EXPECT_EQ(e.code(), statecraft::ExitCode::kNoInput);
  }
}

TEST(Io, UnwritableDirectoryIsIoError) {
  try {
    statecraft::write_file_atomic("/nonexistent/dir/out.json", "x");
    FAIL() << "expected IoError";
  } catch (const statecraft::IoError& e) {
    EXPECT_EQ(e.code(), statecraft::ExitCode::kIoErr);
  }
}
