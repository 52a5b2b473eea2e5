# Writes the version (project(VERSION), passed as VERSION) and the current git commit (with
# -dirty when the tree has changes) into a source file, rewriting it only when it changes so that
# builds stay incremental.
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown")
else()
  execute_process(COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                  OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT dirty STREQUAL "")
    set(commit "${commit}-dirty")
  endif()
endif()
set(content "// Generated; do not edit.\nnamespace statecraft::detail {\nextern const char* const kVersion;\nextern const char* const kGitCommit;\nconst char* const kVersion = \"${VERSION}\";\nconst char* const kGitCommit = \"${commit}\";\n}  // namespace statecraft::detail\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
else()
  set(old "")
endif()
if(NOT old STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
