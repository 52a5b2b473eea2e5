#pragma once
/// @file run_store.hpp
/// Services over the run store (statecraft/store/run_store.hpp): a forecast kept in a store,
/// resumed after an interruption with the same final numbers as an uninterrupted run.

#include <cstdint>
#include <string>

#include "statecraft/services.hpp"
#include "statecraft/store/run_store.hpp"

namespace statecraft::services {

/// A forecast kept in a store.
struct StoredRun {
  ensemble::ForecastResult result;
  std::int64_t run_id = 0;
  std::size_t chunks_restored = 0;  ///< chunks of draws taken from the store rather than computed
};

/// Runs a forecast as a new run of the store at `path` (created if missing). With `resume`, it
/// continues the store's newest unfinished run instead, which must have been started with the
/// same scenario bytes, variant, settings, seed and draws, by the same statecraft build.
/// @throws store::NoSuchRunError (nothing to resume), store::ResumeMismatchError, store::NotAStoreError.
StoredRun forecast_stored(const ForecastOptions& o, const std::string& path, bool resume,
                          const Callbacks& callbacks = {});

/// Continues run `id` of a store from the scenario text and settings stored with it (a finished
/// run is computed again from its stored draws). @throws store::NoSuchRunError.
StoredRun resume_run(const std::string& path, std::int64_t id, int threads, const Callbacks& callbacks = {});

}  // namespace statecraft::services
