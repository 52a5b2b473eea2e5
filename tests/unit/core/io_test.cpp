#include "statecraft/io.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"
#include "scratch_dir.hpp"
#include "statecraft/error.hpp"

namespace fs = std::filesystem;
using statecraft::ExitCode;
using statecraft::OutputSet;
using statecraft::write_file_atomic;
using statecraft::testing::slurp;
using statecraft::testing::spit;

namespace {

template <class F>
ExitCode code_of(F&& f) {
  try {
    f();
  } catch (const statecraft::Error& e) {
    return e.code();
  }
  return ExitCode::kOk;
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::lstat(p.c_str(), &st), 0) << p;
  return st.st_mode;
}

// Every test works in its own scratch directory; device nodes are made there with mknod (the
// tests run as root), never taken from /dev.
class Io : public statecraft::testing::ScratchDir {
 protected:
  Io() : ScratchDir("io_") {}

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

}  // namespace

TEST(IoHash, Sha256KnownAnswers) {
  EXPECT_EQ(statecraft::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(statecraft::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(IoRead, MissingFileIsNoInput) {
  EXPECT_EQ(code_of([] { statecraft::read_file("/nonexistent/statecraft/file.yaml"); }), ExitCode::kNoInput);
}

TEST_F(Io, AtomicWriteThenRead) {
  const auto path = (dir_ / "out.txt").string();
  write_file_atomic(path, "first");
  write_file_atomic(path, "second");
  EXPECT_EQ(statecraft::read_file(path), "second");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.txt"}) << "no temporary file may be left behind";
}

TEST_F(Io, MissingDirectoryIsIoError) {
  EXPECT_EQ(code_of([&] { write_file_atomic((dir_ / "missing" / "out.json").string(), "x"); }), ExitCode::kIoErr);
}

TEST_F(Io, CharacterDeviceIsWrittenThroughAndStaysADevice) {
  const fs::path null = device("null", 3);
  write_file_atomic(null.string(), "discarded");
  EXPECT_TRUE(S_ISCHR(mode_of(null))) << "the device node was replaced";
  EXPECT_EQ(entries(), std::vector<std::string>{"null"});
}

TEST_F(Io, FullDeviceIsAnIoErrorAndStaysADevice) {
  const fs::path full = device("full", 7);
  EXPECT_EQ(code_of([&] { write_file_atomic(full.string(), "no room"); }), ExitCode::kIoErr);
  EXPECT_TRUE(S_ISCHR(mode_of(full))) << "the device node was replaced";
}

TEST_F(Io, FifoIsWrittenThroughAndStaysAFifo) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // so the writer does not block
  ASSERT_GE(reader, 0);
  write_file_atomic(fifo.string(), "through the pipe");
  std::array<char, 64> buf{};
  const ssize_t n = ::read(reader, buf.data(), buf.size());
  ::close(reader);
  EXPECT_EQ(std::string(buf.data(), n > 0 ? static_cast<std::size_t>(n) : 0), "through the pipe");
  EXPECT_TRUE(S_ISFIFO(mode_of(fifo))) << "the FIFO was replaced";
}

TEST_F(Io, SymlinkIsFollowedAndKept) {
  const fs::path real = dir_ / "real.txt", link = dir_ / "link.txt";
  spit(real, "old");
  fs::create_symlink("real.txt", link);
  write_file_atomic(link.string(), "new");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link))) << "the link was replaced";
  EXPECT_EQ(slurp(real), "new");
}

TEST_F(Io, DanglingSymlinkCreatesTheFileItNames) {
  const fs::path link = dir_ / "link.txt";
  fs::create_symlink("made.txt", link);
  write_file_atomic(link.string(), "made");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_EQ(slurp(dir_ / "made.txt"), "made");
}

TEST_F(Io, ReadOnlyFileIsRefusedNotReplaced) {
  const fs::path out = dir_ / "out.txt";
  spit(out, "keep");
  fs::permissions(out, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  EXPECT_EQ(code_of([&] { write_file_atomic(out.string(), "lost"); }), ExitCode::kIoErr);
  EXPECT_EQ(slurp(out), "keep");
}

TEST_F(Io, ReplacedFileKeepsItsMode) {
  const fs::path out = dir_ / "out.txt";
  spit(out, "old");
  ASSERT_EQ(::chmod(out.c_str(), 0640), 0);
  write_file_atomic(out.string(), "new");
  EXPECT_EQ(slurp(out), "new");
  EXPECT_EQ(mode_of(out) & 07777, 0640U);
}

TEST_F(Io, NewFileGetsTheModeTheUmaskAllows) {
  const fs::path out = dir_ / "out.txt";
  const mode_t old = ::umask(027);
  write_file_atomic(out.string(), "new");
  ::umask(old);
  EXPECT_EQ(mode_of(out) & 07777, 0640U);
}

TEST_F(Io, DirectoryIsRefused) {
  EXPECT_EQ(code_of([&] { write_file_atomic(dir_.string(), "x"); }), ExitCode::kIoErr);
  EXPECT_TRUE(fs::is_directory(dir_));
}

TEST_F(Io, OutputThatIsAnInputIsAUsageError) {
  const fs::path in = dir_ / "in.yaml", hard = dir_ / "hard.yaml", soft = dir_ / "soft.yaml";
  spit(in, "input");
  fs::create_hard_link(in, hard);
  fs::create_symlink(in, soft);
  for (const auto& out : {in, hard, soft}) {
    EXPECT_EQ(code_of([&] { OutputSet s({out.string()}, {in.string()}); }), ExitCode::kUsage) << out;
  }
  EXPECT_EQ(code_of([&] { OutputSet s({(dir_ / "other.json").string()}, {in.string()}); }), ExitCode::kOk);
  EXPECT_EQ(slurp(in), "input");
}

TEST_F(Io, TwoOutputsOnOneFileIsAUsageError) {
  const std::string a = (dir_ / "a.out").string();
  const std::string b = (dir_ / "." / "a.out").string();
  EXPECT_EQ(code_of([&] { OutputSet s({a, b}, {}); }), ExitCode::kUsage);
  EXPECT_EQ(code_of([&] { OutputSet s({"-", "-"}, {}); }), ExitCode::kUsage);
}

TEST_F(Io, OutputSetChecksEveryOutputBeforeWritingAny) {
  const std::string a = (dir_ / "a.csv").string(), b = (dir_ / "missing" / "b.json").string();
  EXPECT_EQ(code_of([&] { OutputSet s({a, b}, {}); }), ExitCode::kIoErr);
  EXPECT_TRUE(entries().empty());
}

TEST_F(Io, OutputSetWritesNothingWhenOneOutputFails) {
  const fs::path a = dir_ / "a.csv";
  const fs::path full = device("full", 7);
  spit(dir_ / "b.json", "old b");
  const std::string b = (dir_ / "b.json").string();
  OutputSet s({a.string(), b, full.string()}, {});
  s.put(a.string(), "a");
  s.put(b, "new b");
  s.put(full.string(), "no room");
  EXPECT_EQ(code_of([&] { s.commit(); }), ExitCode::kIoErr);
  EXPECT_FALSE(fs::exists(a)) << "the first output was left behind";
  EXPECT_EQ(slurp(b), "old b") << "the second output was replaced";
  EXPECT_TRUE(S_ISCHR(mode_of(full)));
}

TEST_F(Io, OutputSetNotCommittedLeavesNoTemporaryFile) {
  const fs::path a = dir_ / "a.csv", png = dir_ / "a.png";
  {
    OutputSet s({a.string(), png.string()}, {});
    s.put(a.string(), "a");
    spit(s.staging_path(png.string()), "png");
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(Io, OutputSetStagingPathBecomesTheOutput) {
  const fs::path a = dir_ / "a.csv", png = dir_ / "a.png", null = device("null", 3);
  OutputSet s({a.string(), png.string(), null.string()}, {});
  const std::string staged = s.staging_path(png.string());
  EXPECT_EQ(s.staging_path(png.string()), staged);
  write_file_atomic(staged, "png bytes");  // as a writer that takes a path does
  spit(s.staging_path(null.string()), "to the device");
  s.put(a.string(), "a");
  s.commit();
  EXPECT_EQ(slurp(png), "png bytes");
  EXPECT_EQ(slurp(a), "a");
  EXPECT_TRUE(S_ISCHR(mode_of(null)));
  EXPECT_EQ(entries(), (std::vector<std::string>{"a.csv", "a.png", "null"}));
}
