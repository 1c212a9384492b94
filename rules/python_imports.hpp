// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tracegate::rules {

/// One module a Python file imports statically.
struct PythonImport {
  std::string module;     ///< dotted module as written (whitespace dropped): `import a.b as c` -> "a.b";
                          ///< `from a.b import c` -> "a.b"; for a relative import the part after the dots
  int line = 0;           ///< 1-based line of the `import` / `from` keyword
  int column = 0;         ///< 1-based byte column of that keyword
  bool relative = false;  ///< `from . import x`, `from ..pkg import y`
};

/// Every `import a.b [as c], d` and `from [.]a.b import …` statement of a Python source, in text
/// order, one entry per module (`import a, b` gives two). Statements anywhere count — indented in
/// a function, a `try:` or an `if TYPE_CHECKING:` block, after `;` or a compound statement's `:`,
/// continued with backslashes. Comments, docstrings and string literals are ignored (the text is
/// masked first), and so are dynamic imports (`importlib.import_module("six")`, `__import__`).
/// `from __future__ import …` is not an import of a module. Linear in the size of `source`; any
/// bytes are accepted (invalid statements are skipped).
std::vector<PythonImport> find_python_imports(std::string_view source);

/// The top-level package of a dotted module: "google.protobuf.message" -> "google".
std::string_view top_level(std::string_view module);

}  // namespace tracegate::rules
