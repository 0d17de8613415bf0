// SPDX-License-Identifier: GPL-3.0-or-later
// The host clock: monotonic microseconds, real in production, simulated in tests.
#pragma once

#include <atomic>
#include <cstdint>

namespace portier::kernel {

// A small interface with two implementations; the engine loop asks which one it has, because a
// simulated clock only moves when a test advances it.
class Clock {
public:
   virtual ~Clock() = default;
   virtual std::int64_t now_us() const = 0;
   virtual bool simulated() const = 0;
};

class SteadyClock final : public Clock {
public:
   std::int64_t now_us() const override;
   bool simulated() const override { return false; }
};

// Starts at 0 (or a given time) and moves only through EngineLoop::advance.
class SimulatedClock final : public Clock {
public:
   explicit SimulatedClock(std::int64_t start_us = 0) : now_(start_us) {}
   std::int64_t now_us() const override { return now_.load(); }
   bool simulated() const override { return true; }
   void set(std::int64_t us) { now_.store(us); }

private:
   std::atomic<std::int64_t> now_;
};

}  // namespace portier::kernel
