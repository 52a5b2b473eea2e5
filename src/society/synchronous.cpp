// The synchronous update order (an explicit option for whole populations; docs/models/society.md
// §5): every agent acts in the same phase at once, from the state at the start of that phase,
// and conflicts are settled by random priority.
//
//   Mesa semantics:    decide (rule A) -> arrest (rule C) -> move (rule M)
//   NetLogo semantics: move (rule M) -> decide (rule A) -> arrest (rule C, cop steps onto the
//                      arrestee's patch) -> release from jail
//
// Each phase is two parallel passes over the agents: a read-only pass that chooses (a decision,
// an arrestee, a free cell) and claims what it needs, and a pass that applies the choices that
// won their claims. A claim is the agent's random priority in the high 32 bits and its id in the
// low ones, so exactly one claimant wins and the winner does not depend on which thread got there
// first. Random numbers come from streams keyed by (seed, step, phase, agent): the run is the
// same on any number of threads.
//
// The passes are race-free because at most one body that blocks a move stands on a cell (every
// mover, decider and arrestee is such a body, and targets are cells without one): every write
// touches a cell that exactly one agent of the pass owns. The rules keep that invariant (a
// released NetLogo prisoner re-enters when its cell is free; a cop steps onto an arrestee's patch
// only when the arrestee is jailed).

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>

#include <atomic>
#include <cstdint>

#include "agent_engine.hpp"
#include "core/parallel.hpp"
#include "internal.hpp"

namespace statecraft::society {
namespace {

// Phases of a step, for random streams and claim keys.
enum Phase : std::uint64_t { kMoveFirst = 0, kDecide = 1, kPick = 2, kTerm = 3, kMoveLast = 4, kPhases = 8 };
// What an agent did in the decide and arrest phases.
enum Flag : std::uint8_t { kFlip = 1, kEmigrate = 2, kStay = 4, kDefect = 8 };

// Runs f(agent, counters) for every agent in parallel; counters are per thread.
template <class Counters, class F>
void each_agent(std::size_t n, tbb::enumerable_thread_specific<Counters>& local, F&& f) {
  parallel::for_range(tbb::blocked_range<std::uint32_t>(0, static_cast<std::uint32_t>(n), 2048),
                      [&](const tbb::blocked_range<std::uint32_t>& r) {
                        Counters& c = local.local();
                        for (std::uint32_t a = r.begin(); a != r.end(); ++a) f(a, c);
                      });
}

void claim_max(std::uint64_t& slot, std::uint64_t key) {
  std::atomic_ref<std::uint64_t> ref(slot);
  std::uint64_t cur = ref.load(std::memory_order_relaxed);
  while (cur < key && !ref.compare_exchange_weak(cur, key, std::memory_order_relaxed)) {
  }
}

// True (once) for the winning claimant, which also clears the claim for the next phase.
bool won(std::uint64_t& slot, std::uint64_t key) {
  std::atomic_ref<std::uint64_t> ref(slot);
  if (ref.load(std::memory_order_relaxed) != key) return false;
  ref.store(0, std::memory_order_relaxed);
  return true;
}

}  // namespace

std::uint64_t AgentEngine::claim_key(std::uint32_t a, std::uint64_t phase) const {
  // A uniform priority per (seed, step, phase, agent) above the agent's id.
  AgentStream rng(cfg_.seed, static_cast<std::uint64_t>(step_ + 1) * kPhases + phase, a + (std::uint64_t{1} << 32));
  return (rng.next_u64() & 0xFFFFFFFF00000000ull) | a;
}

void AgentEngine::step_synchronous(Counters& c) {
  const std::size_t n = kind_.size();
  flag_.resize(n, 0);
  target_.resize(n, kNoIndex);
  if (claim_.size() != cells_) claim_.assign(cells_, 0);
  const bool mesa = cfg_.semantics == Semantics::kMesa;
  if (!mesa) sync_move(kMoveFirst);
  sync_decide(c);
  sync_arrest(c);
  if (mesa)
    sync_move(kMoveLast);
  else
    sync_release();
}

void AgentEngine::sync_decide(Counters& total) {
  const bool mesa = cfg_.semantics == Semantics::kMesa;
  const bool emigration = cfg_.ext.emigration_rate > 0.0;
  const auto draw = static_cast<std::uint64_t>(step_ + 1) * kPhases + kDecide;
  tbb::enumerable_thread_specific<Counters> local;
  each_agent(kind_.size(), local, [&](std::uint32_t a, Counters& c) {
    std::uint8_t f = 0;
    if (kind_[a] == kCitizen) {
      if (jail_[a] > 0) {
        if (mesa) --jail_[a];  // Mesa serves the sentence on the agent's turn; NetLogo in release
        f = kStay;
      } else if (AgentStream rng(cfg_.seed, draw, a); emigration && wants_to_emigrate(a, rng)) {
        f = kEmigrate | kStay;
      } else if (!active_[a] && grievance(a) <= cfg_.threshold) {
        jailed_[a] = 0;  // G <= T: quiet whatever the risk
      } else {
        const Scan s = scan(pos_[a], citizen_spans_, !mesa);
        const bool now = rule_a(a, s.cops, s.actives);
        note_decision(a, s.cops, now, c);
        if (now != (active_[a] != 0)) f = kFlip;
      }
    }
    flag_[a] = f;
  });
  each_agent(kind_.size(), local, [&](std::uint32_t a, Counters& c) {
    if (flag_[a] & kFlip) set_active(a, active_[a] == 0);
    if (flag_[a] & kEmigrate) emigrate(a, c);
  });
  for (const auto& c : local) total.add(c);
}

void AgentEngine::sync_arrest(Counters& total) {
  const bool mesa = cfg_.semantics == Semantics::kMesa;
  const auto base = static_cast<std::uint64_t>(step_ + 1) * kPhases;
  tbb::enumerable_thread_specific<Counters> local;
  each_agent(kind_.size(), local, [&](std::uint32_t a, Counters&) {
    if (kind_[a] != kCop) return;
    const Scan s = scan(pos_[a], cop_spans_, !mesa);
    if (!keeps_loyalty(a, s)) {
      flag_[a] |= kDefect;
      return;
    }
    AgentStream rng(cfg_.seed, base + kPick, a);
    const std::uint32_t v = pick_arrestee(a, s, rng);
    target_[a] = v;
    if (v != kNoIndex) claim_max(claim_[pos_[v]], claim_key(a, kPick));
  });
  each_agent(kind_.size(), local, [&](std::uint32_t a, Counters& c) {
    if (kind_[a] != kCop) return;
    if (flag_[a] & kDefect) {
      defect(a);
      return;
    }
    const std::uint32_t v = target_[a];
    if (v == kNoIndex) return;
    target_[a] = kNoIndex;
    const std::uint32_t cell = pos_[v];
    if (!won(claim_[cell], claim_key(a, kPick))) return;  // another cop took this arrestee
    AgentStream rng(cfg_.seed, base + kTerm, a);
    arrest(a, v, rng, c, false);
    flag_[v] |= kStay;
    if (!mesa && !blocks(v)) move_to(a, cell);  // NetLogo: onto the patch of the jailed arrestee
  });
  for (const auto& c : local) total.add(c);
}

void AgentEngine::sync_move(std::uint64_t phase) {
  const bool mesa = cfg_.semantics == Semantics::kMesa;
  const auto draw = static_cast<std::uint64_t>(step_ + 1) * kPhases + phase;
  tbb::enumerable_thread_specific<Counters> local;
  each_agent(kind_.size(), local, [&](std::uint32_t a, Counters&) {
    const auto k = kind_[a];
    bool moves = false;
    if (k == kCitizen)
      moves = cfg_.movement && jail_[a] == 0 && !(mesa && (flag_[a] & kStay));
    else if (k == kCop || k == kDefected)
      moves = cfg_.movement || !mesa;  // NetLogo cops always move
    if (!moves) return;
    AgentStream rng(cfg_.seed, draw, a);
    const std::uint32_t to = pick_free_cell(a, rng);
    target_[a] = to;
    if (to != kNoIndex) claim_max(claim_[to], claim_key(a, phase));
  });
  each_agent(kind_.size(), local, [&](std::uint32_t a, Counters&) {
    const std::uint32_t to = target_[a];
    if (to == kNoIndex) return;
    target_[a] = kNoIndex;
    if (won(claim_[to], claim_key(a, phase))) move_to(a, to);
  });
}

void AgentEngine::sync_release() {
  // NetLogo's end-of-step jail countdown, in agent order; a prisoner whose patch now holds a
  // body that blocks waits (with one step left) until the patch is free.
  for (std::uint32_t a = 0; a < kind_.size(); ++a) {
    if (kind_[a] != kCitizen || jail_[a] == 0) continue;
    if (jail_[a] == 1 && !is_free(pos_[a])) continue;
    if (--jail_[a] == 0) {
      jailed_[a] = 0;
      add_block(pos_[a], 1);
    }
  }
}

}  // namespace statecraft::society
