# cmake -DIN=file -DOUT=file.gz -P gzip.cmake: IN compressed as Debian wants man pages and changelogs (gzip -9,
# no name or time stored, so the package is reproducible).
execute_process(COMMAND gzip -9nc ${IN} OUTPUT_FILE ${OUT} RESULT_VARIABLE failed)
if(failed)
    message(FATAL_ERROR "gzip ${IN} failed")
endif()
