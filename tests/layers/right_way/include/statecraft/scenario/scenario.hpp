#pragma once
#include "statecraft/setting_spec.hpp"
