# Checks the includes of one area against the layers: an area's sources and headers may include
# its own headers and those of the areas it links (directly or through them), never an area
# above it. Run at build time before the area compiles (src/CMakeLists.txt) and by the test
# layers_check (tests/layers/).
#   cmake -DROOT=<dir with src/ and include/statecraft/> -DAREA=<area> -DALLOWED=<a,b,...>
#         -DAREAS=<every area, comma-separated> -P CheckLayers.cmake
# An include names an area as "statecraft/<area>/...", "statecraft/<area>.hpp" (umbrella header),
# "<area>/..." (a private header under src/) or, for any other "statecraft/<name>.hpp", core.
# Other quoted includes are the area's own (same folder).
cmake_minimum_required(VERSION 3.25)
foreach(var ROOT AREA ALLOWED AREAS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "CheckLayers.cmake: -D${var}=... missing")
  endif()
endforeach()
string(REPLACE "," ";" _allowed "${ALLOWED}")
string(REPLACE "," ";" _areas "${AREAS}")
list(APPEND _allowed ${AREA})

# The area's files: src/<area>/, include/statecraft/<area>/ and its umbrella header; for core,
# the top-level headers that are no area's umbrella.
file(GLOB_RECURSE _files ${ROOT}/src/${AREA}/*.cpp ${ROOT}/src/${AREA}/*.hpp ${ROOT}/include/statecraft/${AREA}/*.hpp)
file(GLOB _top ${ROOT}/include/statecraft/*.hpp)
foreach(_h ${_top})
  get_filename_component(_stem ${_h} NAME_WE)
  if(_stem STREQUAL AREA OR (AREA STREQUAL "core" AND NOT _stem IN_LIST _areas))
    list(APPEND _files ${_h})
  endif()
endforeach()

set(_problems "")
foreach(_file ${_files})
  file(STRINGS ${_file} _lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(_line ${_lines})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" _inc "${_line}")
    set(_of "")
    if(_inc MATCHES "^statecraft/([a-z_]+)/")
      set(_of ${CMAKE_MATCH_1})
    elseif(_inc MATCHES "^statecraft/([a-z_]+)\\.hpp$")
      set(_of core)
      if(CMAKE_MATCH_1 IN_LIST _areas)
        set(_of ${CMAKE_MATCH_1})
      endif()
    elseif(_inc MATCHES "^([a-z_]+)/")
      if(CMAKE_MATCH_1 IN_LIST _areas)
        set(_of ${CMAKE_MATCH_1})
      endif()
    endif()
    if(NOT _of STREQUAL "" AND NOT _of IN_LIST _allowed)
      file(RELATIVE_PATH _rel ${ROOT} ${_file})
      string(APPEND _problems "\n  ${_rel}: includes \"${_inc}\" of area '${_of}', which '${AREA}' may not use")
    endif()
  endforeach()
endforeach()
if(NOT _problems STREQUAL "")
  string(REPLACE ";" ", " _list "${_allowed}")
  message(FATAL_ERROR "layer check of area '${AREA}' failed (it may include only: ${_list}; "
                      "docs/architecture.md):${_problems}")
endif()
