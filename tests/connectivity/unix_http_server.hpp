// SPDX-License-Identifier: Apache-2.0
// A test-owned HTTP/1.1 server on a Unix socket in a fresh temporary directory: plain POSIX
// sockets, one connection at a time, every request answered 200 with a fixed JSON body.
// It proves the probe's client really talks over CURLOPT_UNIX_SOCKET_PATH.
#pragma once

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tracegate::connectivity::testing {

/// A closed-on-destruction file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

/// A temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tracegate-probe-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class UnixHttpServer {
 public:
  /// Binds `path` and, unless `listen_too` is false (a stale socket file: connects are refused),
  /// serves until destruction.
  explicit UnixHttpServer(std::string path, bool listen_too = true) : path_(std::move(path)) {
    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path_.c_str(), sizeof(address.sun_path) - 1);
    bound_ = listener_ >= 0 && ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    if (bound_ && listen_too && ::listen(listener_, 8) == 0) serving_ = std::thread([this] { serve(); });
  }
  ~UnixHttpServer() {
    stop_ = true;
    if (serving_.joinable()) serving_.join();
    if (listener_ >= 0) ::close(listener_);
  }
  UnixHttpServer(const UnixHttpServer&) = delete;
  UnixHttpServer& operator=(const UnixHttpServer&) = delete;

  bool bound() const { return bound_; }
  /// "METHOD PATH" of every request answered so far.
  std::vector<std::string> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd waiting{listener_, POLLIN, 0};
      if (::poll(&waiting, 1, 20) <= 0) continue;
      const Fd connection(::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC));
      if (connection.get() >= 0) answer_all(connection.get());
    }
  }

  /// Answers every request on one keep-alive connection until the client closes it.
  void answer_all(int fd) {
    std::string buffer;
    while (!stop_) {
      const auto end = buffer.find("\r\n\r\n");
      if (end == std::string::npos) {
        if (!read_more(fd, buffer)) return;
        continue;
      }
      const std::string head = buffer.substr(0, end);
      std::size_t length = 0;
      for (std::size_t at = 0; (at = head.find("\r\n", at)) != std::string::npos;) {
        at += 2;
        std::string line = head.substr(at, head.find("\r\n", at) - at);
        for (auto& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (line.starts_with("content-length:")) length = std::stoul(line.substr(15));
      }
      while (buffer.size() < end + 4 + length) {
        if (!read_more(fd, buffer)) return;
      }
      const std::string request_line = head.substr(0, head.find("\r\n"));
      {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request_line.substr(0, request_line.rfind(' ')));
      }
      buffer.erase(0, end + 4 + length);
      const std::string body = R"({"rate_by_service":{}})";
      const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body;
      if (::send(fd, response.data(), response.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(response.size())) return;
    }
  }

  bool read_more(int fd, std::string& buffer) {
    while (!stop_) {
      pollfd waiting{fd, POLLIN, 0};
      const int ready = ::poll(&waiting, 1, 20);
      if (ready < 0) return false;
      if (ready == 0) continue;
      char chunk[4096];
      const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
      if (got <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(got));
      return true;
    }
    return false;
  }

  std::string path_;
  int listener_ = -1;
  bool bound_ = false;
  std::atomic<bool> stop_{false};
  std::thread serving_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

}  // namespace tracegate::connectivity::testing
