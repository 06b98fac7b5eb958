// A small extern "C" shim over Debian's OpenCV 4.6, in the spirit of OpenCvSharp's native layer.
// Every entry point catches C++ exceptions: it returns NULL / -1 and leaves the message in a
// thread-local string that the managed side turns into one exception type (OpenCvException).
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#define API extern "C" __attribute__((visibility("default")))

namespace {
thread_local std::string g_last_error;

template <typename F>
auto guarded(F f, decltype(f()) on_error) -> decltype(f()) {
    try {
        g_last_error.clear();
        return f();
    } catch (const cv::Exception& e) {
        g_last_error = e.what();
    } catch (const std::exception& e) {
        g_last_error = e.what();
    } catch (...) {
        g_last_error = "unknown native error";
    }
    return on_error;
}

cv::Mat* wrap(cv::Mat&& m) { return new cv::Mat(std::move(m)); }

// Test-only poison switch: with IMGEDA_TEST_POISON=1, decoding bytes that contain IMGEDA-TEST-POISON-ABORT aborts the
// process and IMGEDA-TEST-POISON-HANG never returns, so tests can prove a crashing or hanging decoder does not take
// the other datums down. Real OpenCV crashes are rare but real.
void maybe_poison(const uint8_t* data, size_t len) {
    static const bool enabled = [] { const char* v = std::getenv("IMGEDA_TEST_POISON"); return v != nullptr && std::strcmp(v, "1") == 0; }();
    if (!enabled) return;
    const std::string_view bytes(reinterpret_cast<const char*>(data), len);
    if (bytes.find("IMGEDA-TEST-POISON-ABORT") != std::string_view::npos) std::abort();
    if (bytes.find("IMGEDA-TEST-POISON-HANG") != std::string_view::npos) {
        for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}
}  // namespace

// ---- errors and process set-up -------------------------------------------------------------
API const char* imgeda_last_error() { return g_last_error.c_str(); }

API int imgeda_init(int num_threads) {
    return guarded([&] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
        // A fixed threshold: glibc's default one rises after each large free, after which freed image buffers stay
        // in fragmented heaps and peak RSS grows with the number of images a worker has seen (measured: 800 MB after
        // 1,200 images, 340 MB with this). Buffers under 32 MB are still reused from the heap: mapping every buffer
        // afresh cost ~25% more time in page faults.
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        if (num_threads >= 0) cv::setNumThreads(num_threads);
        // Never look for an OpenCL runtime: the steps work on cv::Mat, and the search costs tens of ms per process.
        // (OpenCV reads this variable lazily, at its first OpenCL check; a value the user set wins.)
        setenv("OPENCV_OPENCL_RUNTIME", "disabled", 0);
        return 0;
    }, -1);
}

API const char* imgeda_opencv_version() { return CV_VERSION; }

// ---- core ----------------------------------------------------------------------------------
API void core_mat_release(cv::Mat* m) { delete m; }

API int core_mat_info(const cv::Mat* m, int* rows, int* cols, int* type) {
    return guarded([&] {
        *rows = m->rows;
        *cols = m->cols;
        *type = m->type();
        return 0;
    }, -1);
}

API cv::Mat* core_mat_from_pixels(int rows, int cols, int type, const void* data, int64_t len) {
    return guarded([&]() -> cv::Mat* {
        cv::Mat m(rows, cols, type);
        const auto need = static_cast<int64_t>(m.total() * m.elemSize());
        if (len != need) throw std::runtime_error("pixel buffer has " + std::to_string(len) + " bytes, the Mat needs " + std::to_string(need));
        std::memcpy(m.data, data, static_cast<size_t>(need));
        return wrap(std::move(m));
    }, nullptr);
}

API int64_t core_mat_copy_pixels(const cv::Mat* m, void* dst, int64_t len) {
    return guarded([&]() -> int64_t {
        const cv::Mat c = m->isContinuous() ? *m : m->clone();
        const auto need = static_cast<int64_t>(c.total() * c.elemSize());
        if (len < need) throw std::runtime_error("destination buffer too small");
        std::memcpy(dst, c.data, static_cast<size_t>(need));
        return need;
    }, -1);
}

// Per-channel mean and standard deviation (up to 4 channels), and the global min/max over all channels.
API int core_mean_std_dev(const cv::Mat* m, double* mean4, double* std4) {
    return guarded([&] {
        cv::Scalar mean, stddev;
        cv::meanStdDev(*m, mean, stddev);
        for (int i = 0; i < 4; ++i) { mean4[i] = mean[i]; std4[i] = stddev[i]; }
        return 0;
    }, -1);
}

API int core_min_max(const cv::Mat* m, double* min, double* max) {
    return guarded([&] {
        cv::minMaxLoc(m->reshape(1), min, max);
        return 0;
    }, -1);
}

API double core_mean_of_rect(const cv::Mat* m, int x, int y, int w, int h) {
    return guarded([&] {
        const cv::Scalar s = cv::mean((*m)(cv::Rect(x, y, w, h)));
        double sum = 0;
        for (int c = 0; c < m->channels(); ++c) sum += s[c];
        return sum / m->channels();
    }, -1.0);
}

API cv::Mat* core_dct(const cv::Mat* m) {
    return guarded([&] {
        cv::Mat f, out;
        m->convertTo(f, CV_64F);
        cv::dct(f, out);
        return wrap(std::move(out));
    }, nullptr);
}

API cv::Mat* core_magnitude(const cv::Mat* x, const cv::Mat* y) {
    return guarded([&] {
        cv::Mat out;
        cv::magnitude(*x, *y, out);
        return wrap(std::move(out));
    }, nullptr);
}

// cmp: cv::CmpTypes (CMP_EQ = 0, CMP_GT = 1, CMP_GE = 2, ...); the result is 255 where true, else 0.
API cv::Mat* core_compare(const cv::Mat* a, const cv::Mat* b, int cmp) {
    return guarded([&] {
        cv::Mat out;
        cv::compare(*a, *b, out, cmp);
        return wrap(std::move(out));
    }, nullptr);
}

API cv::Mat* core_convert_to(const cv::Mat* m, int type, double alpha, double beta) {
    return guarded([&] {
        cv::Mat out;
        m->convertTo(out, type, alpha, beta);
        return wrap(std::move(out));
    }, nullptr);
}

// ---- imgcodecs -----------------------------------------------------------------------------
// NULL with an empty error means "OpenCV could not decode it" (imread's own silent failure).
API cv::Mat* imgcodecs_imread(const char* path, int flags) {
    return guarded([&]() -> cv::Mat* {
        cv::Mat m = cv::imread(path, flags);
        return m.empty() ? nullptr : wrap(std::move(m));
    }, nullptr);
}

API cv::Mat* imgcodecs_imdecode(const uint8_t* data, int64_t len, int flags) {
    return guarded([&]() -> cv::Mat* {
        maybe_poison(data, static_cast<size_t>(len));
        const cv::Mat buf(1, static_cast<int>(len), CV_8U, const_cast<uint8_t*>(data));
        cv::Mat m = cv::imdecode(buf, flags);
        return m.empty() ? nullptr : wrap(std::move(m));
    }, nullptr);
}

// Encodes to a malloc'ed buffer the caller frees with imgeda_free.
API int imgcodecs_imencode(const char* ext, const cv::Mat* m, const int* params, int nparams, uint8_t** out, int64_t* out_len) {
    return guarded([&] {
        std::vector<uchar> buf;
        const std::vector<int> p(params, params + nparams);
        if (!cv::imencode(ext, *m, buf, p)) throw std::runtime_error(std::string("could not encode ") + ext);
        *out = static_cast<uint8_t*>(std::malloc(buf.size()));
        if (*out == nullptr) throw std::bad_alloc();
        std::memcpy(*out, buf.data(), buf.size());
        *out_len = static_cast<int64_t>(buf.size());
        return 0;
    }, -1);
}

API void imgeda_free(void* p) { std::free(p); }

// ---- imgproc -------------------------------------------------------------------------------
API cv::Mat* imgproc_canny(const cv::Mat* m, double t1, double t2, int aperture, int l2) {
    return guarded([&] {
        cv::Mat out;
        cv::Canny(*m, out, t1, t2, aperture, l2 != 0);
        return wrap(std::move(out));
    }, nullptr);
}

API cv::Mat* imgproc_cvt_color(const cv::Mat* m, int code) {
    return guarded([&] {
        cv::Mat out;
        cv::cvtColor(*m, out, code);
        return wrap(std::move(out));
    }, nullptr);
}

API cv::Mat* imgproc_resize(const cv::Mat* m, int width, int height, int interpolation) {
    return guarded([&] {
        cv::Mat out;
        cv::resize(*m, out, cv::Size(width, height), 0, 0, interpolation);
        return wrap(std::move(out));
    }, nullptr);
}

API cv::Mat* imgproc_gaussian_blur(const cv::Mat* m, double sigma) {
    return guarded([&] {
        cv::Mat out;
        cv::GaussianBlur(*m, out, cv::Size(0, 0), sigma);
        return wrap(std::move(out));
    }, nullptr);
}

API cv::Mat* imgproc_laplacian(const cv::Mat* m, int ddepth, int ksize) {
    return guarded([&] {
        cv::Mat out;
        cv::Laplacian(*m, out, ddepth, ksize);
        return wrap(std::move(out));
    }, nullptr);
}

API cv::Mat* imgproc_sobel(const cv::Mat* m, int ddepth, int dx, int dy, int ksize) {
    return guarded([&] {
        cv::Mat out;
        cv::Sobel(*m, out, ddepth, dx, dy, ksize);
        return wrap(std::move(out));
    }, nullptr);
}

// op: cv::MorphTypes (MORPH_ERODE = 0, MORPH_DILATE = 1, ...); a square kernel of side ksize.
API cv::Mat* imgproc_morphology(const cv::Mat* m, int op, int ksize) {
    return guarded([&] {
        cv::Mat out;
        const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(ksize, ksize));
        cv::morphologyEx(*m, out, op, kernel);
        return wrap(std::move(out));
    }, nullptr);
}
