// PNG snapshots of the society grid through libpng, written atomically.

#include <png.h>

#include <algorithm>
#include <array>
#include <csetjmp>
#include <string>
#include <vector>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "statecraft/society/run.hpp"

namespace statecraft::society {
namespace {

void append(png_structp png, png_bytep data, png_size_t n) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), n);
}
void flush(png_structp) {}

std::array<std::uint8_t, 3> colour(CellView v) {
  switch (v) {
    case CellView::kQuiet:
      return {60, 160, 70};
    case CellView::kActive:
      return {220, 30, 30};
    case CellView::kJailed:
      return {120, 120, 120};
    case CellView::kCop:
      return {40, 90, 230};
    case CellView::kDefected:
      return {240, 200, 40};
    default:
      return {0, 0, 0};
  }
}

// Encodes an RGB image; kept free of locals modified after setjmp (libpng's error handling).
bool encode(const std::vector<png_byte>& image, int w, int h, std::string* out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, out, &append, &flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < h; ++y) {
    png_write_row(png, image.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w) * 3);
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

void write_png(const Model& model, const std::string& path, int scale) {
  const int w = model.config().width, h = model.config().height;
  if (scale <= 0) scale = std::clamp(800 / std::max(w, h), 1, 16);
  // Very large grids are downsampled (nearest cell) so the image stays under 4096 pixels a side.
  const int step = std::max(1, (std::max(w, h) * scale + 4095) / 4096);
  const int out_w = std::max(1, (w / step) * scale), out_h = std::max(1, (h / step) * scale);
  const auto cells = model.view();
  std::vector<png_byte> image(static_cast<std::size_t>(out_w) * static_cast<std::size_t>(out_h) * 3);
  for (int py = 0; py < out_h; ++py) {
    const int cy = std::min(h - 1, (py / scale) * step);
    for (int px = 0; px < out_w; ++px) {
      const int cx = std::min(w - 1, (px / scale) * step);
      const auto c =
          colour(cells[static_cast<std::size_t>(cy) * static_cast<std::size_t>(w) + static_cast<std::size_t>(cx)]);
      std::copy(c.begin(), c.end(), image.begin() + 3 * (static_cast<std::ptrdiff_t>(py) * out_w + px));
    }
  }
  std::string out;
  if (!encode(image, out_w, out_h, &out)) throw IoError(ExitCode::kIoErr, "png: encoding failed for " + path);
  write_file_atomic(path, out);
}

}  // namespace statecraft::society
