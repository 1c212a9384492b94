// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <expected>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/source_location.hpp"

namespace tracegate::core {

/// An expected failure, carried as a value. `where` names the file and line when one is known.
struct Error {
  std::string message;
  std::optional<SourceLocation> where;
};

/// `path:line:col: message`, or just `message`.
std::string to_string(const Error& error);

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected(Error{std::move(message), std::nullopt});
}
inline std::unexpected<Error> fail(std::string message, SourceLocation where) {
  return std::unexpected(Error{std::move(message), std::move(where)});
}

/// A failure that ends the run (bad flag, unreadable repository); caught once in cli::run.
class Fatal : public std::runtime_error {
  using runtime_error::runtime_error;
};

}  // namespace tracegate::core

/// Propagates the error of a Result-returning expression.
#define TRACEGATE_TRY(expr)                                      \
  do {                                                           \
    auto&& tracegate_try_result_ = (expr);                       \
    if (!tracegate_try_result_) {                                \
      return std::unexpected(std::move(tracegate_try_result_).error()); \
    }                                                            \
  } while (false)
