# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the console into OUT_DIR: `npm run build` (tsc --noEmit strict, then vite build), then
# .gz and .br copies of the text assets. Nothing is downloaded here: node_modules comes from
# `npm ci` (tools/dev runs it). Arguments: WEB_DIR OUT_DIR NODE NPM STAMP.
if(NOT NODE OR NOT EXISTS "${NODE}")
  message(FATAL_ERROR "client.web console: node is not installed (Debian: apt install nodejs npm); "
    "run tools/dev to install the build tools")
endif()
if(NOT EXISTS "${WEB_DIR}/node_modules/vite/package.json" OR NOT EXISTS "${WEB_DIR}/node_modules/typescript/package.json")
  message(FATAL_ERROR "client.web console: ${WEB_DIR}/node_modules is missing; run tools/dev "
    "(or: cd ${WEB_DIR} && npm ci --no-audit --no-fund)")
endif()
set(ENV{PORTIER_WEB_OUT_DIR} "${OUT_DIR}")
if(NPM AND EXISTS "${NPM}")
  execute_process(COMMAND "${NPM}" run --silent build WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
else()
  # Debian packages npm apart from nodejs: the same two steps without it, one after the other.
  execute_process(COMMAND "${NODE}" node_modules/typescript/bin/tsc --noEmit WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
  if(rc EQUAL 0)
    execute_process(COMMAND "${NODE}" node_modules/vite/bin/vite.js build WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
  endif()
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "client.web console: the build failed (${rc}); see the messages above")
endif()
execute_process(COMMAND "${NODE}" scripts/compress.mjs "${OUT_DIR}" WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "client.web console: compressing the assets failed (${rc})")
endif()
file(TOUCH "${STAMP}")
