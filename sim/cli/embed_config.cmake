# Writes OUTPUT: a C++ file defining FUNCTION() that returns the text of INPUT.
file(READ "${INPUT}" text)
file(WRITE "${OUTPUT}" "#include \"cli/embedded_config.hpp\"\n\nnamespace podsim {\n\n"
     "std::string_view ${FUNCTION}() {\n  return R\"podsim_yaml(${text})podsim_yaml\";\n}\n\n"
     "}  // namespace podsim\n")
