// A forecast killed half way (SIGKILL right after its first chunk of draws is committed) and
// resumed gives the same JSON report, byte for byte, as a run never interrupted; and the CLI's
// store errors have distinct exit codes.

#include <gtest/gtest.h>

#include "scratch_dir.hpp"
#include "statecraft/store/run_store.hpp"

using statecraft::testing::run_cli;
using statecraft::testing::run_shell;
using statecraft::testing::slurp;

namespace {

// Death by SIGKILL: the shell reports 128 + 9, or the process itself was the shell's child.
bool killed(int code) { return code == 128 + 9 || code == -1; }

class Resume : public statecraft::testing::ScratchDir {
 protected:
  std::string path(const char* name) { return (dir_ / name).string(); }
  // Enough draws for two chunks (1024 + 76); few bargaining runs to keep it quick.
  const std::string args = " --draws 1100 --bargaining-draws 20 --threads 2 -q";
};

}  // namespace

TEST_F(Resume, AKilledAndResumedRunEqualsAnUninterruptedOneByteForByte) {
  ASSERT_EQ(run_cli("forecast" + args + " --json " + path("plain.json")).code, 0);
  const std::string kill_run = "STATECRAFT_TEST_KILL_AFTER_CHUNKS=1 " + std::string(STATECRAFT_CLI) + " forecast" +
                               args + " --store " + path("runs.sqlite") + " --json " + path("killed.json");
  const auto k = run_shell(kill_run);
  EXPECT_TRUE(killed(k.code)) << k.code << k.out;
  EXPECT_FALSE(std::filesystem::exists(path("killed.json")));
  {
    auto st = statecraft::store::RunStore::open(path("runs.sqlite"));
    const auto run = st.run(1);
    EXPECT_EQ(run.status, "running");
    EXPECT_EQ(run.chunks_done, 1u);
    EXPECT_EQ(run.chunks_total, 2u);
  }
  const auto r =
      run_cli("forecast" + args + " --store " + path("runs.sqlite") + " --resume --json " + path("resumed.json"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("resuming run 1"), std::string::npos);
  EXPECT_NE(r.out.find("1 chunks of draws taken from the store, 1 computed"), std::string::npos) << r.out;
  const std::string plain = slurp(path("plain.json"));
  ASSERT_FALSE(plain.empty());
  EXPECT_EQ(slurp(path("resumed.json")), plain);

  // The same through `runs resume`, on a second run of the same store.
  EXPECT_TRUE(killed(run_shell(kill_run).code));
  const auto r2 = run_cli("runs resume " + path("runs.sqlite") + " 2 -q --json " + path("resumed2.json"));
  ASSERT_EQ(r2.code, 0) << r2.out;
  EXPECT_EQ(slurp(path("resumed2.json")), plain);
  const auto shown = run_cli("runs show " + path("runs.sqlite") + " 2 --json");
  EXPECT_EQ(shown.out, plain);
}

TEST_F(Resume, StoreErrorsHaveDistinctExitCodes) {
  ASSERT_EQ(run_cli("forecast --draws 300 --bargaining-draws 5 -q --store " + path("runs.sqlite")).code, 0);
  // not a store
  statecraft::testing::spit(path("notes.txt"), "just some notes, not a database, long enough to fill a header page\n");
  const auto not_store = run_cli("runs list " + path("notes.txt"));
  EXPECT_EQ(not_store.code, 65) << not_store.out;
  EXPECT_NE(not_store.out.find("not a statecraft run store"), std::string::npos);
  // no such run
  const auto no_run = run_cli("runs show " + path("runs.sqlite") + " 9");
  EXPECT_EQ(no_run.code, 66) << no_run.out;
  EXPECT_NE(no_run.out.find("no run 9"), std::string::npos);
  // a resume with another seed
  ASSERT_TRUE(killed(run_shell("STATECRAFT_TEST_KILL_AFTER_CHUNKS=1 " + std::string(STATECRAFT_CLI) +
                               " forecast --draws 1100 --bargaining-draws 5 -q --store " + path("runs.sqlite"))
                         .code));
  const auto other_seed =
      run_cli("forecast --draws 1100 --bargaining-draws 5 -q --seed 1 --resume --store " + path("runs.sqlite"));
  EXPECT_EQ(other_seed.code, 64) << other_seed.out;
  EXPECT_NE(other_seed.out.find("seed: 1 (the stored run: 20260430)"), std::string::npos) << other_seed.out;
  // list and export work on the good store
  const auto list = run_cli("runs list " + path("runs.sqlite"));
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("complete"), std::string::npos);
  EXPECT_NE(list.out.find("running"), std::string::npos);
  const auto csv = run_cli("runs export " + path("runs.sqlite") + " 1 --table questions");
  EXPECT_EQ(csv.code, 0);
  EXPECT_NE(csv.out.find("question_id,text,date,modelled,yes,draws,probability"), std::string::npos) << csv.out;
  EXPECT_EQ(csv.out.rfind("# statecraft", 0), 0u) << "provenance first";
}
