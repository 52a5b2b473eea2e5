# Warning flags shared by every statecraft target.
function(statecraft_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                           -Wdouble-promotion -Wformat=2)
  # GCC 12 reports false -Wrestrict positives inside std::string at -O3 (GCC bug 105651).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(STATECRAFT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
