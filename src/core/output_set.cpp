// OutputSet: the outputs of one command, checked before any work and written all or nothing.
// The rules for each kind of path are in include/statecraft/io.hpp.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"

namespace statecraft {

namespace fs = std::filesystem;

namespace {

enum class Kind {
  kStdout,   ///< "-"
  kReplace,  ///< a regular file or a new path: temporary file + fsync + rename
  kThrough,  ///< a character device or a FIFO: open + write
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw IoError(ExitCode::kIoErr, path + ": " + what);
}

std::string why() { return std::strerror(errno); }

// The mode of a new file: 0666 less the umask. Linux shows the umask in /proc/self/status;
// elsewhere it can only be read by setting it, which would race with threads creating files.
mode_t new_file_mode() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Umask:", 0) == 0) return 0666 & ~static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
  }
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// Follows a chain of symbolic links that may end at a file that does not exist yet.
fs::path follow_links(fs::path p, const std::string& path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) return p;
    const fs::path next = fs::read_symlink(p, ec);
    if (ec) fail(path, "cannot read the symbolic link " + p.string() + ": " + ec.message());
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
  fail(path, "too many levels of symbolic links");
}

fs::path directory_of(const fs::path& file) { return file.has_parent_path() ? file.parent_path() : fs::path("."); }

// The temporary file and the rename need the target's directory to exist and be writable.
void check_directory(const fs::path& file, const std::string& path) {
  const fs::path dir = directory_of(file);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    fail(path, errno == ENOENT ? "the directory " + dir.string() + " does not exist"
                               : "cannot use the directory " + dir.string() + ": " + why());
  }
  if (!S_ISDIR(st.st_mode)) fail(path, dir.string() + " is not a directory");
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    fail(path, "cannot write in the directory " + dir.string() + ": " + why());
  }
}

// Writes `data` to `fd`, fsyncs it when asked, and closes it; throws on any failure.
void write_and_close(int fd, std::string_view data, const std::string& path, bool sync) {
  int err = 0;
  std::size_t done = 0;
  while (done < data.size() && err == 0) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n >= 0) {
      done += static_cast<std::size_t>(n);
    } else if (errno != EINTR) {
      err = errno;
    }
  }
  if (err == 0 && sync && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) fail(path, std::string("write error: ") + std::strerror(err));
}

}  // namespace

namespace detail {

struct StagedOutput {
  std::string path;  ///< as given on the command line
  Kind kind = Kind::kReplace;
  fs::path file;        ///< what is written: links resolved (kReplace), as given (kThrough)
  bool exists = false;  ///< replacing a file: keep its mode, owner and group
  mode_t mode = 0;
  uid_t uid = 0;
  gid_t gid = 0;
  bool staged = false;
  std::string content;  ///< staged content of kStdout and kThrough
  std::string temp;     ///< staged temporary file, removed unless renamed over the target
};

}  // namespace detail

namespace {

using detail::StagedOutput;

// An existing regular file: replaced, keeping its mode, unless it is read-only.
void inspect_regular(StagedOutput& o, const struct stat& st) {
  if ((st.st_mode & 0222) == 0 || ::access(o.path.c_str(), W_OK) != 0) {
    fail(o.path, "is read-only; refusing to replace it (make it writable or choose another output)");
  }
  std::error_code ec;
  o.file = fs::canonical(o.path, ec);
  if (ec) fail(o.path, "cannot resolve the path: " + ec.message());
  o.exists = true;
  o.mode = st.st_mode & 07777;
  o.uid = st.st_uid;
  o.gid = st.st_gid;
  check_directory(o.file, o.path);
}

// Classifies an output path and checks that it can be written; throws IoError if not.
StagedOutput inspect(const std::string& path) {
  StagedOutput o;
  o.path = path;
  if (path == "-") {
    o.kind = Kind::kStdout;
    return o;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {  // follows links
    if (errno != ENOENT) fail(path, why());
    o.file = follow_links(path, path);  // a new file, or the missing end of a link chain
    o.mode = new_file_mode();
    check_directory(o.file, path);
  } else if (S_ISREG(st.st_mode)) {
    inspect_regular(o, st);
  } else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
    if (::access(path.c_str(), W_OK) != 0) fail(path, "cannot write: " + why());
    o.kind = Kind::kThrough;
    o.file = path;
  } else if (S_ISDIR(st.st_mode)) {
    fail(path, "is a directory, expected a file");
  } else {
    fail(path, "is neither a regular file, a character device nor a FIFO");
  }
  return o;
}

// Whether output `o` and the path `other` name one file: by device and inode when both exist,
// else (a new output) by the name the output resolves to.
bool same_file(const StagedOutput& o, const std::string& other) {
  if (o.kind == Kind::kStdout || other == "-") return o.path == other;
  std::error_code ec;
  if (fs::equivalent(o.path, other, ec)) return true;
  if (o.exists || fs::exists(other, ec)) return false;
  return fs::weakly_canonical(o.file, ec) == fs::weakly_canonical(follow_links(other, other), ec);
}

// Creates a temporary file (mode 0600) and records it in `o`; returns its descriptor.
int open_temp(StagedOutput& o) {
  fs::path pattern;
  if (o.kind == Kind::kReplace) {  // next to the target, so that rename() replaces it
    pattern = directory_of(o.file) / ("." + o.file.filename().string() + ".tmp.XXXXXX");
  } else {  // content for a device, a FIFO or standard output, read back at commit()
    pattern = fs::temp_directory_path() / "statecraft-output.XXXXXX";
  }
  std::string name = pattern.string();
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) fail(o.path, "cannot create a temporary file " + name + ": " + why());
  o.temp = name;
  return fd;
}

void remove_temp(StagedOutput& o) {
  if (!o.temp.empty()) ::unlink(o.temp.c_str());
  o.temp.clear();
}

void write_through(const StagedOutput& o) {
  const std::string data = o.temp.empty() ? o.content : read_file(o.temp);
  if (o.kind == Kind::kStdout) {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout) throw IoError(ExitCode::kIoErr, "standard output: write error");
    return;
  }
  const int fd = ::open(o.file.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) fail(o.path, "cannot open: " + why());
  write_and_close(fd, data, o.path, false);
}

// Gives the temporary file the replaced file's owner (when allowed) and mode, then renames it.
void rename_over(StagedOutput& o) {
  if (o.exists && (o.uid != ::geteuid() || o.gid != ::getegid()) && ::chown(o.temp.c_str(), o.uid, o.gid) != 0 &&
      errno != EPERM) {
    fail(o.path, "cannot keep the owner: " + why());
  }
  if (::chmod(o.temp.c_str(), o.mode) != 0) fail(o.path, "cannot set the mode: " + why());
  if (::rename(o.temp.c_str(), o.file.c_str()) != 0) {
    fail(o.path, "cannot rename the temporary file " + o.temp + " over it: " + why());
  }
  o.temp.clear();
}

}  // namespace

OutputSet::OutputSet(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs) {
  for (const auto& path : outputs) {
    if (path.empty()) continue;
    StagedOutput o = inspect(path);
    for (const auto& in : inputs) {
      if (!in.empty() && same_file(o, in)) {
        throw UsageError(path + ": is the input " + in + "; refusing to overwrite an input (choose another output)");
      }
    }
    for (const auto& other : outputs_) {
      if (same_file(o, other.path)) {
        throw UsageError(path + ": is also the output " + other.path + "; give each output its own file");
      }
    }
    outputs_.push_back(std::move(o));
  }
}

OutputSet::~OutputSet() {
  for (auto& o : outputs_) remove_temp(o);
}

StagedOutput& OutputSet::find(const std::string& path) {
  for (auto& o : outputs_) {
    if (o.path == path) return o;
  }
  throw InternalError("output " + path + " was not declared to its OutputSet");
}

void OutputSet::put(const std::string& path, std::string_view content) {
  StagedOutput& o = find(path);
  remove_temp(o);
  o.staged = true;
  if (o.kind != Kind::kReplace) {
    o.content.assign(content);
    return;
  }
  write_and_close(open_temp(o), content, path, true);
}

std::string OutputSet::staging_path(const std::string& path) {
  StagedOutput& o = find(path);
  if (o.temp.empty()) {
    o.content.clear();
    write_and_close(open_temp(o), {}, path, false);
    o.staged = true;
  }
  return o.temp;
}

void OutputSet::commit() {
  for (const auto& o : outputs_) {
    if (o.staged && o.kind != Kind::kReplace) write_through(o);
  }
  for (auto& o : outputs_) {
    if (o.staged && o.kind == Kind::kReplace) rename_over(o);
  }
  for (auto& o : outputs_) {
    remove_temp(o);
    o.staged = false;
  }
}

}  // namespace statecraft
