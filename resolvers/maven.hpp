// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "resolvers/interval_set.hpp"

/// Maven versions exactly as maven-artifact 3.8.7 (org.apache.maven.artifact.versioning)
/// implements them: ComparableVersion's ordering and canonical form, and VersionRange /
/// Restriction for ranges. See docs/versions-maven.md.
namespace tracegate::resolvers::maven {

/// A version parsed as ComparableVersion.parseVersion does, normalized (null items trimmed).
///
/// ComparableVersion builds a chain of lists: every sub-list (started by '-' or by a
/// digit/letter transition) is the last item of its parent. The chain is kept flat here: the
/// items of the outer list, a `list` marker, the items of the next list, and so on.
class Version {
 public:
  /// Kinds in the order ComparableVersion ranks items of different kinds at one position:
  /// qualifier < sub-list < int < long < BigInteger.
  enum class Kind : std::uint8_t { string, list, integer, long_integer, big_integer };

  /// Plain data (no initializers: buffers of items are filled, never default-constructed).
  struct Item {
    /// integer / long_integer: the value. big_integer: offset << 32 | length of its decimal
    /// digits (no leading zero; none for zero) in the text buffer. string: the same for an
    /// unknown qualifier's text; unused for a known one.
    std::uint64_t payload;
    Kind kind;
    /// string: 0 alpha, 1 beta, 2 milestone, 3 rc, 4 snapshot, 5 "" (ga/final/release), 6 sp,
    /// 7 any other qualifier.
    std::uint8_t rank;
  };

  /// The items, with room for eight inline: parsing a typical version or copying it (into a
  /// VersionSet's bounds) does not allocate.
  class Items {
   public:
    Items() = default;
    Items(const Items& other) { copy_from(other); }
    Items(Items&& other) noexcept { take(other); }
    Items& operator=(const Items& other) {
      if (this != &other) {
        size_ = 0;
        copy_from(other);
      }
      return *this;
    }
    Items& operator=(Items&& other) noexcept {
      if (this != &other) {
        release();
        take(other);
      }
      return *this;
    }
    ~Items() { release(); }

    std::size_t size() const { return size_; }
    const Item* data() const { return data_; }
    const Item* begin() const { return data_; }
    const Item* end() const { return data_ + size_; }
    /// For writers that fill the buffer directly: its start and capacity, then the count.
    Item* raw() { return data_; }
    std::size_t capacity() const { return capacity_; }
    void set_size(std::size_t size) { size_ = static_cast<std::uint32_t>(size); }
    /// Grows the buffer to at least `capacity`, keeping its first `used` items; the new start.
    Item* grow_keeping(std::size_t used, std::size_t capacity) {
      size_ = static_cast<std::uint32_t>(used);
      grow(static_cast<std::uint32_t>(capacity));
      return data_;
    }

   private:
    static constexpr std::uint32_t kInline = 8;

    bool on_heap() const { return data_ != inline_; }
    void release() {
      if (on_heap()) delete[] data_;
      data_ = inline_;
      capacity_ = kInline;
      size_ = 0;
    }
    void grow(std::uint32_t capacity) {
      Item* bigger = new Item[capacity];
      std::memcpy(static_cast<void*>(bigger), data_, size_ * sizeof(Item));
      if (on_heap()) delete[] data_;
      data_ = bigger;
      capacity_ = capacity;
    }
    // Inline items are copied as one fixed-size block, which compiles to a few vector moves.
    void copy_from(const Items& other) {
      if (!other.on_heap() && !on_heap()) {
        std::memcpy(static_cast<void*>(inline_), other.inline_, sizeof inline_);
      } else {
        if (other.size_ > capacity_) grow(other.size_);
        std::memcpy(static_cast<void*>(data_), other.data_, other.size_ * sizeof(Item));
      }
      size_ = other.size_;
    }
    void take(Items& other) {
      if (other.on_heap()) {
        data_ = other.data_;
        capacity_ = other.capacity_;
        other.data_ = other.inline_;
        other.capacity_ = kInline;
      } else {
        std::memcpy(static_cast<void*>(inline_), other.inline_, sizeof inline_);
      }
      size_ = other.size_;
      other.size_ = 0;
    }

    Item* data_ = inline_;
    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = kInline;
    Item inline_[kInline];
  };

  /// The text items refer to: a plain buffer, cheap to move and free to copy when empty (the
  /// usual case: only unknown qualifiers and BigIntegers need it).
  class Text {
   public:
    Text() = default;
    Text(const Text& other) { assign(other.view()); }
    Text(Text&& other) noexcept : data_(other.data_), size_(other.size_), capacity_(other.capacity_) {
      other.data_ = nullptr;
      other.size_ = other.capacity_ = 0;
    }
    Text& operator=(const Text& other) {
      if (this != &other) assign(other.view());
      return *this;
    }
    Text& operator=(Text&& other) noexcept {
      if (this != &other) {
        delete[] data_;
        data_ = other.data_;
        size_ = other.size_;
        capacity_ = other.capacity_;
        other.data_ = nullptr;
        other.size_ = other.capacity_ = 0;
      }
      return *this;
    }
    ~Text() { delete[] data_; }

    std::string_view view() const { return {data_, size_}; }
    void clear() { size_ = 0; }
    /// Makes the text `size` chars long (their content unspecified) and returns them.
    char* resize(std::size_t size) {
      if (size > capacity_) {
        delete[] data_;
        data_ = new char[size];
        capacity_ = size;
      }
      size_ = size;
      return data_;
    }
    void assign(std::string_view text) {
      if (!text.empty()) std::memcpy(resize(text.size()), text.data(), text.size());
      size_ = text.size();
    }

   private:
    char* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
  };

  Version() = default;
  /// new ComparableVersion(text). Every string is a version; bytes that are not UTF-8 read as
  /// U+FFFD, as Java's decoder reads them.
  explicit Version(std::string_view text) { assign(text); }

  /// Re-parses into this object, reusing its buffers (no allocation once they are large enough).
  void assign(std::string_view text);

  /// getCanonical(): "1.0.0" -> "1", "1.0-SNAPSHOT" -> "1-snapshot", "1.0a1" -> "1-alpha-1".
  std::string canonical() const;
  void append_canonical(std::string& out) const;

  std::span<const Item> items() const { return {items_.data(), items_.size()}; }
  /// The text of a big_integer's digits or an unknown qualifier.
  std::string_view item_text(const Item& item) const {
    return text_.view().substr(static_cast<std::size_t>(item.payload >> 32),
                               static_cast<std::size_t>(item.payload & 0xFFFFFFFFu));
  }

 private:
  Items items_;
  /// The lower-cased input, then any re-encoded big numbers; emptied when no item refers to it.
  Text text_;
};

/// ComparableVersion.compareTo: <0, 0 or >0. `1` == `1.0` == `1-ga`; `1-alpha` < `1-beta` <
/// `1-milestone` < `1-rc` < `1-snapshot` < `1` < `1-sp` < `1-foo` < `1-1` < `1.1`.
///
/// Not a total order, exactly like the Java it mirrors: a zero and a qualifier at one position
/// both equal "nothing" there yet differ from each other, so 1.0.alpha.1 < 1 < 1.sp.1 <
/// 1.0.alpha.1.
int compare(const Version& a, const Version& b);

struct Order {
  int operator()(const Version& a, const Version& b) const { return compare(a, b); }
};

using VersionSet = IntervalSet<Version, Order>;

/// VersionRange.createFromVersionSpec(spec): the set containsVersion() accepts, and the
/// recommended version of a soft requirement (a bare version, which matches everything).
struct Range {
  VersionSet set;
  std::optional<Version> recommended;
};

/// Parses `spec` as VersionRange.createFromVersionSpec does. Errors carry the message of the
/// InvalidVersionSpecificationException maven-artifact throws ("Unbounded range: [1.0").
///
/// Each restriction is one interval and the set their union. The set needs a transitive order,
/// so for versions caught in the cycle described at compare() a union of several restrictions
/// can answer differently from Java, which tests the restrictions one by one
/// (`1.sp.1` in `[1.0.alpha.1],(1,)`); see docs/versions-maven.md.
core::Result<Range> parse_range(std::string_view spec);

/// parse_range without building an error message or keeping the recommended version; the
/// versions are parsed into reused buffers. False when maven-artifact throws.
bool parse_range_into(std::string_view spec, VersionSet& out);

/// VersionRange.containsVersion(new DefaultArtifactVersion(version)).
inline bool contains(const Range& range, const Version& version) { return range.set.contains(version); }

}  // namespace tracegate::resolvers::maven
