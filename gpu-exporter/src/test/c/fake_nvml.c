/*
 * Fake libnvidia-ml.so for tests without a GPU: the NVML entry points the gpu-exporter binds, answering with the
 * values of the real H100 captures (../fake/captures/nvml-pyprobe.txt, query-gpu-*-nounits.csv; driver 580.159.04).
 * Struct layouts follow NVIDIA's nvml.h (x86_64 sizes: nvmlMemory_v2_t 40, nvmlProcessInfo_t 24, nvmlEventData_t 32,
 * nvmlFieldValue_t 40, nvmlPciInfo_t 68).
 *
 * Built twice by the test build: the current-driver variant, and with -DFAKE_OLD_DRIVER a variant lacking
 * nvmlDeviceGetMemoryInfo_v2, nvmlDeviceGetCurrentClocksEventReasons and nvmlDeviceGetComputeRunningProcesses_v3 so
 * the exporter's fallbacks run.
 *
 * Environment:
 *   FAKE_NVML_MODE        loaded (default) | idle
 *   FAKE_NVML_GPU_COUNT   number of GPUs (default 1, max 16); GPU i>0 gets a distinct uuid and PCI bus id
 *   FAKE_GPU_TEMPERATURE  overrides the GPU temperature (celsius)
 *   FAKE_NVML_INIT_ERROR  nvmlInit_v2 returns this code (e.g. 9 = DRIVER_NOT_LOADED)
 *   FAKE_NVML_CONTROL     control file, re-read whenever it changes; lines:
 *                           lost=<index>             that GPU answers NVML_ERROR_GPU_IS_LOST from now on
 *                           process=<index>:<pid>:<bytes>   a compute process on that GPU
 *                           xid=<index>:<code>       one Xid event (each line is delivered once, in order)
 * Fields that are NOT_SUPPORTED like on the real H100 SXM: fan speed, retired pages (field ids 29-31).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <pthread.h>

#define NVML_SUCCESS 0
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_SUPPORTED 3
#define NVML_ERROR_INSUFFICIENT_SIZE 7
#define NVML_ERROR_TIMEOUT 10
#define NVML_ERROR_GPU_IS_LOST 15
#define NVML_ERROR_ARGUMENT_VERSION_MISMATCH 25
#define NVML_ERROR_UNINITIALIZED 1

#define MAX_GPUS 16
#define MAX_PROCS 64
#define MAX_XIDS 256

typedef struct fake_gpu { int index; } fake_gpu;
typedef fake_gpu *nvmlDevice_t;
typedef struct { int dummy; } fake_event_set;

typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int version; unsigned long long total, reserved, free, used; } nvmlMemory_v2_t;
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; unsigned int gpuInstanceId, computeInstanceId; } nvmlProcessInfo_t;
typedef struct { nvmlDevice_t device; unsigned long long eventType, eventData; unsigned int gpuInstanceId, computeInstanceId; } nvmlEventData_t;
typedef union { double dVal; int siVal; unsigned int uiVal; unsigned long ulVal; unsigned long long ullVal; long long sllVal; unsigned short usVal; } nvmlValue_t;
typedef struct { unsigned int fieldId, scopeId; long long timestamp, latencyUsec; int valueType; int nvmlReturn; nvmlValue_t value; } nvmlFieldValue_t;
typedef struct { char busIdLegacy[16]; unsigned int domain, bus, device, pciDeviceId, pciSubSystemId; char busId[32]; } nvmlPciInfo_t;

static fake_gpu gpus[MAX_GPUS];
static fake_event_set the_set;
static int initialised;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* control file state */
static time_t ctl_mtime; static long ctl_mtime_ns; static off_t ctl_size;
static int lost[MAX_GPUS];
static struct { int gpu; unsigned int pid; unsigned long long bytes; } procs[MAX_PROCS];
static int nprocs;
static struct { int gpu; unsigned long long code; } xids[MAX_XIDS];
static int nxids, xids_delivered;
static unsigned long long pcie_tx[MAX_GPUS], pcie_rx[MAX_GPUS], energy_calls[MAX_GPUS];

static int loaded(void) {
    const char *m = getenv("FAKE_NVML_MODE");
    return m == NULL || strcmp(m, "idle") != 0;
}

static int gpu_count(void) {
    const char *c = getenv("FAKE_NVML_GPU_COUNT");
    int n = c ? atoi(c) : 1;
    return n < 0 ? 0 : (n > MAX_GPUS ? MAX_GPUS : n);
}

static void load_control(void) {
    const char *path = getenv("FAKE_NVML_CONTROL");
    struct stat st;
    if (path == NULL || stat(path, &st) != 0) return;
    if (st.st_mtim.tv_sec == ctl_mtime && st.st_mtim.tv_nsec == ctl_mtime_ns && st.st_size == ctl_size) return;
    FILE *f = fopen(path, "r");
    if (f == NULL) return;
    ctl_mtime = st.st_mtim.tv_sec; ctl_mtime_ns = st.st_mtim.tv_nsec; ctl_size = st.st_size;
    memset(lost, 0, sizeof lost);
    nprocs = 0; nxids = 0;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        int g; unsigned int pid; unsigned long long v;
        if (sscanf(line, "lost=%d", &g) == 1 && g >= 0 && g < MAX_GPUS) lost[g] = 1;
        else if (sscanf(line, "process=%d:%u:%llu", &g, &pid, &v) == 3 && nprocs < MAX_PROCS) {
            procs[nprocs].gpu = g; procs[nprocs].pid = pid; procs[nprocs].bytes = v; nprocs++;
        } else if (sscanf(line, "xid=%d:%llu", &g, &v) == 2 && nxids < MAX_XIDS) {
            xids[nxids].gpu = g; xids[nxids].code = v; nxids++;
        }
    }
    fclose(f);
}

/* Common entry check: a valid handle of a GPU that is not lost. */
static int check(nvmlDevice_t dev) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (dev == NULL || dev < gpus || dev >= gpus + gpu_count()) return NVML_ERROR_INVALID_ARGUMENT;
    pthread_mutex_lock(&lock);
    load_control();
    int gone = lost[dev->index];
    pthread_mutex_unlock(&lock);
    return gone ? NVML_ERROR_GPU_IS_LOST : NVML_SUCCESS;
}
#define CHECK(dev) do { int rc_ = check(dev); if (rc_ != NVML_SUCCESS) return rc_; } while (0)

int nvmlInit_v2(void) {
    const char *err = getenv("FAKE_NVML_INIT_ERROR");
    if (err != NULL && atoi(err) != 0) return atoi(err);
    for (int i = 0; i < MAX_GPUS; i++) gpus[i].index = i;
    initialised = 1;
    return NVML_SUCCESS;
}
int nvmlShutdown(void) { initialised = 0; return NVML_SUCCESS; }

const char *nvmlErrorString(int rc) {
    switch (rc) {
    case 0: return "Success";
    case 1: return "Uninitialized";
    case 2: return "Invalid Argument";
    case 3: return "Not Supported";
    case 7: return "Insufficient Size";
    case 10: return "Timeout";
    case 15: return "GPU is lost";
    case 25: return "Argument version mismatch";
    default: return "Unknown Error";
    }
}

int nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    snprintf(version, length, "580.159.04");
    return NVML_SUCCESS;
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    *count = (unsigned int) gpu_count();
    return NVML_SUCCESS;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if ((int) index >= gpu_count()) return NVML_ERROR_INVALID_ARGUMENT;
    *device = &gpus[index];
    return NVML_SUCCESS;
}

int nvmlDeviceGetName(nvmlDevice_t dev, char *name, unsigned int length) {
    CHECK(dev);
    snprintf(name, length, "NVIDIA H100 80GB HBM3");
    return NVML_SUCCESS;
}

int nvmlDeviceGetUUID(nvmlDevice_t dev, char *uuid, unsigned int length) {
    CHECK(dev);
    if (dev->index == 0) snprintf(uuid, length, "GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b03");
    else snprintf(uuid, length, "GPU-f9da2503-67b4-3b23-234d-60bc7a6e3b%02x", dev->index);
    return NVML_SUCCESS;
}

int nvmlDeviceGetPciInfo_v3(nvmlDevice_t dev, nvmlPciInfo_t *pci) {
    CHECK(dev);
    memset(pci, 0, sizeof *pci);
    pci->bus = (unsigned int) dev->index; pci->device = 6;
    pci->pciDeviceId = 0x233010DE; pci->pciSubSystemId = 0x16C110DE;
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "0000:%02X:06.0", dev->index);
    snprintf(pci->busId, sizeof pci->busId, "00000000:%02X:06.0", dev->index);
    return NVML_SUCCESS;
}

int nvmlDeviceGetUtilizationRates(nvmlDevice_t dev, nvmlUtilization_t *u) {
    CHECK(dev);
    u->gpu = loaded() ? 100 : 0; u->memory = loaded() ? 30 : 0;
    return NVML_SUCCESS;
}

/* loaded: nvml-pyprobe.txt (total 85520809984, free 83957579776, used 1563230208 = reserved 480 MiB + allocated);
 * idle: query-gpu-all-nounits.csv (81559 MiB total, 480 reserved, 0 used, 81079 free) */
static unsigned long long MIB = 1048576ULL;
static void memory_values(unsigned long long *total, unsigned long long *reserved, unsigned long long *free_,
                          unsigned long long *used) {
    *total = 85520809984ULL; *reserved = 480 * MIB;
    *free_ = loaded() ? 83957579776ULL : 81079 * MIB + (85520809984ULL - 81559 * MIB);
    *used = *total - *reserved - *free_;
}

int nvmlDeviceGetMemoryInfo(nvmlDevice_t dev, nvmlMemory_t *m) {
    CHECK(dev);
    unsigned long long reserved;
    memory_values(&m->total, &reserved, &m->free, &m->used);
    m->used += reserved; /* v1 counts reserved memory as used */
    return NVML_SUCCESS;
}

#ifndef FAKE_OLD_DRIVER
int nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t dev, nvmlMemory_v2_t *m) {
    CHECK(dev);
    if (m->version != 0x02000028u) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    memory_values(&m->total, &m->reserved, &m->free, &m->used);
    return NVML_SUCCESS;
}
#endif

int nvmlDeviceGetTemperature(nvmlDevice_t dev, int sensor, unsigned int *temp) {
    CHECK(dev);
    if (sensor != 0) return NVML_ERROR_NOT_SUPPORTED;
    const char *t = getenv("FAKE_GPU_TEMPERATURE");
    *temp = t ? (unsigned int) atoi(t) : (loaded() ? 58 : 41);
    return NVML_SUCCESS;
}

int nvmlDeviceGetPowerUsage(nvmlDevice_t dev, unsigned int *mw) {
    CHECK(dev);
    *mw = loaded() ? 695760 : 75070;
    return NVML_SUCCESS;
}

int nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t dev, unsigned int *mw) {
    CHECK(dev);
    *mw = 700000;
    return NVML_SUCCESS;
}

/* 7464209 mJ in the capture, growing by 1 J per call so rate() has something to see */
int nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t dev, unsigned long long *mj) {
    CHECK(dev);
    pthread_mutex_lock(&lock);
    *mj = 7464209ULL + 1000ULL * energy_calls[dev->index]++;
    pthread_mutex_unlock(&lock);
    return NVML_SUCCESS;
}

int nvmlDeviceGetClockInfo(nvmlDevice_t dev, int type, unsigned int *mhz) {
    CHECK(dev);
    switch (type) {
    case 0: *mhz = loaded() ? 1320 : 345; return NVML_SUCCESS;  /* graphics */
    case 1: *mhz = loaded() ? 1335 : 345; return NVML_SUCCESS;  /* SM */
    case 2: *mhz = 2619; return NVML_SUCCESS;                   /* memory */
    case 3: *mhz = loaded() ? 1350 : 765; return NVML_SUCCESS;  /* video */
    default: return NVML_ERROR_INVALID_ARGUMENT;
    }
}

int nvmlDeviceGetFanSpeed(nvmlDevice_t dev, unsigned int *speed) {
    CHECK(dev);
    (void) speed;
    return NVML_ERROR_NOT_SUPPORTED; /* H100 SXM has no fan */
}

int nvmlDeviceGetPerformanceState(nvmlDevice_t dev, int *pstate) {
    CHECK(dev);
    *pstate = 0;
    return NVML_SUCCESS;
}

static unsigned long long reasons(void) { return loaded() ? 0x4ULL : 0x1ULL; }
#ifndef FAKE_OLD_DRIVER
int nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t dev, unsigned long long *r) {
    CHECK(dev);
    *r = reasons();
    return NVML_SUCCESS;
}
#endif
int nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t dev, unsigned long long *r) {
    CHECK(dev);
    *r = reasons();
    return NVML_SUCCESS;
}

int nvmlDeviceGetTotalEccErrors(nvmlDevice_t dev, int errorType, int counterType, unsigned long long *count) {
    CHECK(dev);
    if (errorType < 0 || errorType > 1 || counterType < 0 || counterType > 1) return NVML_ERROR_INVALID_ARGUMENT;
    *count = 0;
    return NVML_SUCCESS;
}

int nvmlDeviceGetRemappedRows(nvmlDevice_t dev, unsigned int *corr, unsigned int *unc, unsigned int *pending,
                              unsigned int *failure) {
    CHECK(dev);
    *corr = 0; *unc = 0; *pending = 0; *failure = 0;
    return NVML_SUCCESS;
}

int nvmlDeviceGetEncoderUtilization(nvmlDevice_t dev, unsigned int *util, unsigned int *periodUs) {
    CHECK(dev);
    *util = 0; *periodUs = 100000;
    return NVML_SUCCESS;
}

int nvmlDeviceGetDecoderUtilization(nvmlDevice_t dev, unsigned int *util, unsigned int *periodUs) {
    CHECK(dev);
    *util = 0; *periodUs = 100000;
    return NVML_SUCCESS;
}

int nvmlDeviceGetMigMode(nvmlDevice_t dev, unsigned int *current, unsigned int *pending) {
    CHECK(dev);
    *current = 0; *pending = 0;
    return NVML_SUCCESS;
}

int nvmlDeviceGetFieldValues(nvmlDevice_t dev, int count, nvmlFieldValue_t *values) {
    CHECK(dev);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    for (int i = 0; i < count; i++) {
        nvmlFieldValue_t *v = &values[i];
        v->timestamp = (long long) now.tv_sec * 1000000LL + now.tv_nsec / 1000;
        v->latencyUsec = 0;
        v->nvmlReturn = NVML_SUCCESS;
        switch (v->fieldId) {
        case 82: /* NVML_FI_DEV_MEMORY_TEMP */
            v->valueType = 1; v->value.uiVal = loaded() ? 54 : 48; break;
        case 197: /* NVML_FI_DEV_PCIE_COUNT_TX_BYTES: 9283 KB/s in the capture, advancing per read */
            pthread_mutex_lock(&lock);
            pcie_tx[dev->index] += 9283ULL * 1024ULL;
            v->valueType = 3; v->value.ullVal = pcie_tx[dev->index];
            pthread_mutex_unlock(&lock);
            break;
        case 198: /* NVML_FI_DEV_PCIE_COUNT_RX_BYTES */
            pthread_mutex_lock(&lock);
            pcie_rx[dev->index] += 19649ULL * 1024ULL;
            v->valueType = 3; v->value.ullVal = pcie_rx[dev->index];
            pthread_mutex_unlock(&lock);
            break;
        case 94: /* NVML_FI_DEV_PCIE_REPLAY_COUNTER */
            v->valueType = 3; v->value.ullVal = 0; break;
        default: /* retired pages (29-31) are not supported on Hopper; nor is anything else here */
            v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED; break;
        }
    }
    return NVML_SUCCESS;
}

static int running_processes(nvmlDevice_t dev, unsigned int *count, nvmlProcessInfo_t *infos) {
    CHECK(dev);
    pthread_mutex_lock(&lock);
    unsigned int n = 0;
    for (int i = 0; i < nprocs; i++) if (procs[i].gpu == dev->index) n++;
    if (*count < n) {
        *count = n;
        pthread_mutex_unlock(&lock);
        return n == 0 ? NVML_SUCCESS : NVML_ERROR_INSUFFICIENT_SIZE;
    }
    unsigned int k = 0;
    for (int i = 0; i < nprocs; i++) {
        if (procs[i].gpu != dev->index) continue;
        infos[k].pid = procs[i].pid; infos[k].usedGpuMemory = procs[i].bytes;
        infos[k].gpuInstanceId = 0xFFFFFFFFu; infos[k].computeInstanceId = 0xFFFFFFFFu;
        k++;
    }
    *count = k;
    pthread_mutex_unlock(&lock);
    return NVML_SUCCESS;
}
#ifndef FAKE_OLD_DRIVER
int nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t dev, unsigned int *count, nvmlProcessInfo_t *infos) {
    return running_processes(dev, count, infos);
}
#endif
int nvmlDeviceGetComputeRunningProcesses_v2(nvmlDevice_t dev, unsigned int *count, nvmlProcessInfo_t *infos) {
    return running_processes(dev, count, infos);
}

int nvmlEventSetCreate(fake_event_set **set) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    *set = &the_set;
    return NVML_SUCCESS;
}

int nvmlDeviceRegisterEvents(nvmlDevice_t dev, unsigned long long types, fake_event_set *set) {
    CHECK(dev);
    (void) set;
    return (types & 0x8ULL) ? NVML_SUCCESS : NVML_ERROR_NOT_SUPPORTED;
}

int nvmlEventSetWait_v2(fake_event_set *set, nvmlEventData_t *data, unsigned int timeoutMs) {
    (void) set;
    struct timespec step = {0, 10 * 1000000L};
    for (unsigned int waited = 0;; waited += 10) {
        pthread_mutex_lock(&lock);
        load_control();
        if (xids_delivered < nxids) {
            int i = xids_delivered++;
            memset(data, 0, sizeof *data);
            data->device = &gpus[xids[i].gpu];
            data->eventType = 0x8ULL; /* nvmlEventTypeXidCriticalError */
            data->eventData = xids[i].code;
            data->gpuInstanceId = 0xFFFFFFFFu; data->computeInstanceId = 0xFFFFFFFFu;
            pthread_mutex_unlock(&lock);
            return NVML_SUCCESS;
        }
        pthread_mutex_unlock(&lock);
        if (waited >= timeoutMs) return NVML_ERROR_TIMEOUT;
        nanosleep(&step, NULL);
    }
}

int nvmlEventSetFree(fake_event_set *set) { (void) set; return NVML_SUCCESS; }
