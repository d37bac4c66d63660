# cmake -DINPUT=file -DOUTPUT=file.cpp -DFUNCTION=name -DHEADER=include/path.hpp -P embed_file.cmake
# Writes OUTPUT: a C++ file defining podsim::FUNCTION(), which returns the text of INPUT, so a
# configuration file can be compiled into the binary.
file(READ "${INPUT}" text)
file(WRITE "${OUTPUT}" "#include \"${HEADER}\"\n\nnamespace podsim {\n\n"
     "std::string_view ${FUNCTION}() {\n  return R\"podsim_embed(${text})podsim_embed\";\n}\n\n"
     "}  // namespace podsim\n")
