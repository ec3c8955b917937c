# xasite_embed_directory(<target> <dir> <namespace> <header>)
# Compiles every file under <dir> into the target as a table of {path, bytes} so the binary
# carries its default theme and works from any directory with no install step.
function(xasite_embed_directory target dir ns header)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE ${dir} ${dir}/*)
  list(SORT files)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cpp)
  set(abs_files)
  foreach(f ${files})
    list(APPEND abs_files ${dir}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -DNS=${ns} -DHEADER=${header} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${abs_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${dir}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
