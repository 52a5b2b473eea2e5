# Turns a file into a C++ source defining a std::string_view with its bytes.
# Usage: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P Embed.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" n)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace statecraft::embedded {\n"
  "static constexpr char k_${SYMBOL}_bytes[] = {${bytes} '\\0'};\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}{k_${SYMBOL}_bytes, sizeof(k_${SYMBOL}_bytes) - 1};\n}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
