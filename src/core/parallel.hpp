#pragma once
/// @file parallel.hpp
/// The TBB calls statecraft makes (parallel_for over indices or a blocked_range, parallel_for_each
/// with a feeder, task_arena::execute), through thin wrappers that state the happens-before edges
/// of TBB's task hand-off to ThreadSanitizer. Debian's libtbb is not built with -fsanitize=thread,
/// so TSan cannot see that a task's launch happens before its body runs on a worker, nor that the
/// body ends before the caller's join returns, and it reports nearly every access in a body as a
/// race. In a ThreadSanitizer build (__SANITIZE_THREAD__) each call here:
///  - releases a launch token just before handing the work to TBB, acquired at the start of each
///    body;
///  - releases a join token at the end of each body, acquired by the caller after the join;
///  - for parallel_for_each, releases a feed token at each Feeder::add, acquired by later bodies.
/// Bodies never acquire the join token, so TSan still sees no order between two bodies and reports
/// their real races. In every other build the annotations are empty inline functions: the TBB
/// calls are the same, at no cost.
///
/// enumerable_thread_specific is used directly: a body reaches only its own thread's element, and
/// the caller combines the elements after the join, which the join token orders.

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/task_arena.h>

#include <utility>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace statecraft::parallel {

namespace detail {

#if defined(__SANITIZE_THREAD__)
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);  // libtsan's dynamic annotations
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);
inline void release(const char& token) { __tsan_release(const_cast<char*>(&token)); }
inline void acquire(const char& token) { __tsan_acquire(const_cast<char*>(&token)); }
/// Reads `p` without TSan seeing the read: a body wrapper's pointer to its call's tokens, which the
/// body must read before it can acquire them (the only read so hidden).
template <class T>
const T& unordered_read(const T* const& p) {
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
  const T* value = p;
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
  return *value;
}
/// Makes the compiler store `object` (and what it points to) here, before the release that
/// follows: a body wrapper's address is not taken until TBB gets it, so its stores could
/// otherwise sink past the release, and a worker read them unordered.
template <class T>
void publish(const T& object) {
  asm volatile("" : : "r"(&object) : "memory");
}
#else
inline void release(const char& /*token*/) {}
inline void acquire(const char& /*token*/) {}
template <class T>
const T& unordered_read(const T* const& p) {
  return *p;
}
template <class T>
void publish(const T& /*object*/) {}
#endif

/// The edges of one parallel call: launch(body) just before handing the body wrapper to TBB, which
/// may read it from a worker; the join at destruction (also when a body's exception unwinds).
class HandOff {
 public:
  HandOff() = default;
  ~HandOff() { acquire(join_); }
  template <class Body>
  void launch(const Body& body) const {
    publish(body);
    release(launch_);
  }
  HandOff(const HandOff&) = delete;
  HandOff& operator=(const HandOff&) = delete;
  HandOff(HandOff&&) = delete;
  HandOff& operator=(HandOff&&) = delete;

  /// Marks one body invocation: the launch happens before it, it happens before the join.
  class Body {
   public:
    /// `at`: the body wrapper's pointer to the call's HandOff.
    explicit Body(const HandOff* const& at) : h_(unordered_read(at)) { acquire(h_.launch_); }
    ~Body() { release(h_.join_); }
    Body(const Body&) = delete;
    Body& operator=(const Body&) = delete;
    Body(Body&&) = delete;
    Body& operator=(Body&&) = delete;

   private:
    const HandOff& h_;
  };

 private:
  char launch_ = 0;
  char join_ = 0;
};

}  // namespace detail

/// tbb::parallel_for(first, last, f): f(i) for every i in [first, last).
template <class Index, class F>
void for_index(Index first, Index last, const F& f) {
  const detail::HandOff h;
  const auto body = [at = &h, &f](Index i) {
    const detail::HandOff::Body b(at);
    f(i);
  };
  h.launch(body);
  tbb::parallel_for(first, last, body);
}

/// tbb::parallel_for(range, f): f(sub) for sub-ranges covering `range` (a tbb::blocked_range).
template <class Range, class F>
void for_range(const Range& range, const F& f) {
  const detail::HandOff h;
  const auto body = [at = &h, &f](const Range& sub) {
    const detail::HandOff::Body b(at);
    f(sub);
  };
  h.launch(body);
  tbb::parallel_for(range, body);
}

/// As for_range, with TBB's partitioner (e.g. tbb::simple_partitioner: one task per grain).
template <class Range, class F, class Partitioner>
void for_range(const Range& range, const F& f, const Partitioner& partitioner) {
  const detail::HandOff h;
  const auto body = [at = &h, &f](const Range& sub) {
    const detail::HandOff::Body b(at);
    f(sub);
  };
  h.launch(body);
  tbb::parallel_for(range, body, partitioner);
}

/// What a parallel_for_each body adds further items through (tbb::feeder, with the edge from the
/// adding body to the bodies that may run the item).
template <class Item>
class Feeder {
 public:
  Feeder(tbb::feeder<Item>& feeder, const char& token) : feeder_(feeder), token_(token) {}
  void add(const Item& item) {
    detail::release(token_);
    feeder_.add(item);
  }

 private:
  tbb::feeder<Item>& feeder_;
  const char& token_;
};

/// tbb::parallel_for_each(first, last, body) with a feeder: body(item, feeder) for every item of
/// [first, last) and every item added through the feeder.
template <class It, class F>
void for_each(It first, It last, const F& f) {
  using Item = typename std::iterator_traits<It>::value_type;
  const detail::HandOff h;
  const char fed = 0;
  const auto body = [at = &h, fed_at = &fed, &f](const Item& item, tbb::feeder<Item>& tbb_feeder) {
    const detail::HandOff::Body b(at);
    detail::acquire(*fed_at);
    Feeder<Item> feeder(tbb_feeder, *fed_at);
    f(item, feeder);
  };
  h.launch(body);
  tbb::parallel_for_each(first, last, body);
}

/// arena.execute(f): f runs in the arena, on this thread or, when the arena has no free slot, on
/// one of its workers.
template <class F>
void execute(tbb::task_arena& arena, const F& f) {
  const detail::HandOff h;
  const auto body = [at = &h, &f] {
    const detail::HandOff::Body b(at);
    f();
  };
  h.launch(body);
  arena.execute(body);
}

}  // namespace statecraft::parallel
