// KTAB CSV reader: valid files, and every malformed input rejected with file:line:col.
#include <gtest/gtest.h>

#include "statecraft/bargaining/problem.hpp"
#include "statecraft/error.hpp"
#include "test_util.hpp"

using namespace statecraft;
using namespace statecraft::bargaining;

namespace {

std::string error_of(const std::string& text) {
  try {
    (void)parse_ktab_csv(text, "t.csv");
  } catch (const FormatError& e) {
    return e.what();
  }
  return "<no error>";
}

}  // namespace

TEST(KtabCsv, ReadsDummy3Dim) {
  const auto p = read_ktab_csv(STATECRAFT_DATA_DIR "/ktab/dummyData_3Dim.csv");
  ASSERT_EQ(p.actors.size(), 7u) << "dummyData_3Dim has 7 actors";
  ASSERT_EQ(p.dimensions.size(), 3u) << "and 3 dimensions";
  EXPECT_EQ(p.name, "DummyData_3Dim") << "scenario name is trimmed";
  EXPECT_EQ(p.actors[2].name, "SActor-02");
  EXPECT_DOUBLE_EQ(p.actors[2].capability, 129.643) << "power column";
  EXPECT_DOUBLE_EQ(p.actors[2].position[1], 90.89) << "position stays on 0-100";
  EXPECT_DOUBLE_EQ(p.actors[2].salience[1], 0.1355) << "salience divided by 100";
  EXPECT_EQ(p.dimensions[0], "Pstn1");
}

TEST(KtabCsv, ReadsEveryShippedScenario) {
  for (const char* f : {"SOE-Pol-Comp.csv", "SOE-Policy.csv", "SOE-Competitive.csv", "dummyData_6Dim.csv",
                        "dummyData-a040.csv", "dummyData-a080.csv"}) {
    const auto p = read_ktab_csv(std::string(STATECRAFT_DATA_DIR "/ktab/") + f);
    EXPECT_GE(p.actors.size(), 3u) << f;
    EXPECT_NO_THROW(validate(p)) << f << " is a valid problem";
  }
}

TEST(KtabCsv, AcceptsOneAndTwoActorsAndQuotes) {
  const auto p = parse_ktab_csv("s,\"d, with comma\",1,1\nA,D,P,X,S\n\"a\"\"b\",x,10,50,40\n", "t.csv");
  ASSERT_EQ(p.actors.size(), 1u) << "one actor is accepted (KTAB requires 3)";
  EXPECT_EQ(p.description, "d, with comma") << "quoted field keeps its comma";
  EXPECT_EQ(p.actors[0].name, "a\"b") << "doubled quote unescaped";
  const auto q = parse_ktab_csv("s,d,2,1\r\nA,D,P,X,S\r\na,,1,0,50\r\nb,,1,100,50\r\n\r\n", "t.csv");
  EXPECT_EQ(q.actors.size(), 2u) << "CRLF and trailing blank lines";
}

TEST(KtabCsv, ErrorsAreLocated) {
  EXPECT_NE(error_of("").find("t.csv:1:1"), std::string::npos) << error_of("");
  EXPECT_NE(error_of("s,d,x,1\n").find("t.csv:1:5: nActors: found 'x'"), std::string::npos) << error_of("s,d,x,1\n");
  EXPECT_NE(error_of("s,d,0,1\n").find("expected an integer in [1,"), std::string::npos) << "zero actors";
  const std::string hdr = "s,d,2,1\nA,D,P,X,S\n";
  std::string e = error_of(hdr + "a,,1,50,40\nb,,1,1e999,40\n");
  EXPECT_NE(e.find("t.csv:4:6: actors[1].position[0]: found '1e999', expected a finite number"), std::string::npos)
      << e;
  e = error_of(hdr + "a,,1,50,40\nb,,-3,50,40\n");
  EXPECT_NE(e.find("t.csv:4:4: actors[1].power"), std::string::npos) << e;
  e = error_of(hdr + "a,,1,50,40\nb,,1,150,40\n");
  EXPECT_NE(e.find("expected a number in [0, 100]"), std::string::npos) << e;
  e = error_of(hdr + "a,,1,50,40\nb,,1,50,nan\n");
  EXPECT_NE(e.find("t.csv:4:9: actors[1].salience[0]: found 'nan'"), std::string::npos) << e;
  e = error_of(hdr + "a,,1,50,40\n");
  EXPECT_NE(e.find("end of file after 1 actors"), std::string::npos) << e;
  e = error_of(hdr + "a,,1,50,40\nb,,1,50\n");
  EXPECT_NE(e.find("t.csv:4:"), std::string::npos) << e;
  EXPECT_NE(e.find("4 fields"), std::string::npos) << e;
  e = error_of(hdr + "a,,1,50,40\nb,,1,50,40\nc,,1,50,40\n");
  EXPECT_NE(e.find("t.csv:5:1: actors: found an extra row 'c'"), std::string::npos) << e;
  e = error_of("s,\"unterminated,2,1\n");
  EXPECT_NE(e.find("t.csv:1:3"), std::string::npos) << e;
  e = error_of("s,d,1,2\nA,D,P,X,S,Y,T\na,,1,50,60,50,60\n");
  EXPECT_NE(e.find("total salience 120"), std::string::npos) << e;
  e = error_of(hdr + "a,,1,50,40\na,,1,50,40\n");
  EXPECT_NE(e.find("t.csv:4:1: actors[1].name: found duplicate name 'a'"), std::string::npos) << e;
}

TEST(KtabCsv, ByteOrderMarkIsSkipped) {
  const auto p = parse_ktab_csv("\xEF\xBB\xBFs,d,1,1\nA,D,P,X,S\na,,1,50,40\n", "t.csv");
  EXPECT_EQ(p.name, "s") << "no BOM in the scenario name";
}

TEST(KtabCsv, InvalidUtf8IsLocated) {
  // Before: accepted, then the JSON writer stopped with exit 70.
  const std::string e = error_of("s,d,1,1\nA,D,P,X,S\nab\xC3(,,1,50,40\n");
  EXPECT_NE(e.find("t.csv:3:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("UTF-8"), std::string::npos) << e;
  EXPECT_NE(error_of("s,d,1,1\nA,D,P,X,S\na\xED\xA0\x80,,1,50,40\n").find("t.csv:3:2:"), std::string::npos)
      << "a UTF-16 surrogate is not UTF-8";
  EXPECT_NE(error_of("s,d,1,1\nA,D,P,X,S\na\xC0\xAF,,1,50,40\n").find("t.csv:3:2:"), std::string::npos)
      << "an overlong encoding is not UTF-8";
  const auto ok =
      parse_ktab_csv("s,d,1,1\nA,D,P,X,S\n\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80,,1,50,40\n", "t.csv");
  EXPECT_EQ(ok.actors[0].name, "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") << "valid UTF-8 names are kept";
}

TEST(KtabCsv, CapabilityTotalIsBounded) {
  const std::string e = error_of("s,d,2,1\nA,D,P,X,S\na,,1e300,50,40\nb,,1e300,50,40\n");
  EXPECT_NE(e.find("t.csv:4:4: actors[1].power"), std::string::npos) << e;
}
