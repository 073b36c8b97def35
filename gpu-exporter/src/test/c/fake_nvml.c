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
 *                           procutil=<index>:<pid>:<sm%>   a process utilization sample (newer than any asked for)
 *   FAKE_NVML_GPM         GPM support per GPU index, comma-separated 1/0 (default "1,0": GPU 0 only; a control line
 *                         gpm=<index> adds one). Each nvmlGpmSampleGet (or nvmlGpmMigSampleGet) advances activity
 *                         counters by fixed steps, so two samples give known values: graphics 92.5 %, SM active 87.5 %,
 *                         SM occupancy 40 %, tensor 62.5 %, DRAM 30 %, FP64 2.5 %, FP32 12.5 %, FP16 25 %,
 *                         PCIe TX 64 / RX 128 MiB/s, NVLink RX 1024 / TX 2048 MiB/s.
 *   FAKE_NVML_MIG         index of a GPU in MIG mode (unset: none; or a control line mig=<index>) with two MIG
 *                         devices: GPU instance 1 "1g.10gb"
 *                         (10 GiB, 2 GiB used) and GPU instance 2 "3g.40gb" (40 GiB, 8 GiB used), compute instance 0;
 *                         that GPU answers NOT_SUPPORTED to nvmlDeviceGetUtilizationRates, like a real one in MIG mode.
 *                         A control line process=<i>:<pid>:<bytes>:<gi> puts a process in GPU instance <gi>.
 *   NVLink                GPU 0 has links 0-3 up and link 4 down (data counters advance (link+1)*1000 KiB per read;
 *                         error totals: CRC flit 0, CRC data 0, replay 3, recovery 1); other GPUs have no NVLink.
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
#define NVML_ERROR_NOT_FOUND 6
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
static struct { int gpu; unsigned int pid; unsigned long long bytes; unsigned int gi; } procs[MAX_PROCS];
/* MIG devices: two per GPU, handles outside gpus[] */
static fake_gpu migdevs[MAX_GPUS][2];

static int ctl_mig = -1, ctl_gpm = -1;

static int mig_gpu(void) {
    const char *m = getenv("FAKE_NVML_MIG");
    return m == NULL || *m == '\0' ? ctl_mig : atoi(m);
}

/* the MIG slot (0, 1) of a MIG device handle, or -1 for anything else */
static int mig_slot(nvmlDevice_t dev) {
    if (dev < &migdevs[0][0] || dev >= &migdevs[0][0] + MAX_GPUS * 2) return -1;
    return (int) ((dev - &migdevs[0][0]) % 2);
}
static int nprocs;
static struct { int gpu; unsigned long long code; } xids[MAX_XIDS];
static int nxids, xids_delivered;
static unsigned long long pcie_tx[MAX_GPUS], pcie_rx[MAX_GPUS], energy_calls[MAX_GPUS];
static struct { int gpu; unsigned int pid; unsigned int sm; } procutils[MAX_PROCS];
static int nprocutils;
static unsigned long long nvlink_reads[MAX_GPUS];

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
    nprocs = 0; nxids = 0; nprocutils = 0; ctl_mig = -1; ctl_gpm = -1;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        int g; unsigned int pid; unsigned long long v;
        if (sscanf(line, "lost=%d", &g) == 1 && g >= 0 && g < MAX_GPUS) lost[g] = 1;
        else if (sscanf(line, "mig=%d", &g) == 1 && g >= 0 && g < MAX_GPUS) ctl_mig = g;
        else if (sscanf(line, "gpm=%d", &g) == 1 && g >= 0 && g < MAX_GPUS) ctl_gpm = g;
        else if (sscanf(line, "process=%d:%u:%llu", &g, &pid, &v) == 3 && nprocs < MAX_PROCS) {
            int g2; unsigned int p2, gi; unsigned long long v2;
            procs[nprocs].gi = sscanf(line, "process=%d:%u:%llu:%u", &g2, &p2, &v2, &gi) == 4 ? gi : 0xFFFFFFFFu;
            procs[nprocs].gpu = g; procs[nprocs].pid = pid; procs[nprocs].bytes = v; nprocs++;
        } else if (sscanf(line, "procutil=%d:%u:%llu", &g, &pid, &v) == 3 && nprocutils < MAX_PROCS) {
            procutils[nprocutils].gpu = g; procutils[nprocutils].pid = pid; procutils[nprocutils].sm = (unsigned) v;
            nprocutils++;
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
    if (mig_slot(dev) >= 0) {
        snprintf(name, length, "NVIDIA H100 80GB HBM3 MIG %s", mig_slot(dev) == 0 ? "1g.10gb" : "3g.40gb");
        return NVML_SUCCESS;
    }
    CHECK(dev);
    snprintf(name, length, "NVIDIA H100 80GB HBM3");
    return NVML_SUCCESS;
}

int nvmlDeviceGetUUID(nvmlDevice_t dev, char *uuid, unsigned int length) {
    if (mig_slot(dev) >= 0) {
        snprintf(uuid, length, "MIG-5d2d1c2e-0000-4000-8000-00000000000%d", mig_slot(dev) + 1);
        return NVML_SUCCESS;
    }
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
    if (dev->index == mig_gpu()) return NVML_ERROR_NOT_SUPPORTED;
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
    int slot = mig_slot(dev);
    if (slot >= 0) {
        m->total = (slot == 0 ? 10ULL : 40ULL) * 1024 * MIB;
        m->used = (slot == 0 ? 2ULL : 8ULL) * 1024 * MIB;
        m->free = m->total - m->used;
        return NVML_SUCCESS;
    }
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
    *current = dev->index == mig_gpu(); *pending = *current;
    return NVML_SUCCESS;
}

int nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t dev, unsigned int *count) {
    CHECK(dev);
    *count = dev->index == mig_gpu() ? 7 : 0;
    return NVML_SUCCESS;
}

int nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t dev, unsigned int index, nvmlDevice_t *mig) {
    CHECK(dev);
    if (dev->index != mig_gpu() || index > 1) return NVML_ERROR_NOT_FOUND;
    *mig = &migdevs[dev->index][index];
    return NVML_SUCCESS;
}

int nvmlDeviceGetGpuInstanceId(nvmlDevice_t dev, unsigned int *id) {
    if (mig_slot(dev) < 0) return NVML_ERROR_NOT_SUPPORTED;
    *id = (unsigned) mig_slot(dev) + 1;
    return NVML_SUCCESS;
}

int nvmlDeviceGetComputeInstanceId(nvmlDevice_t dev, unsigned int *id) {
    if (mig_slot(dev) < 0) return NVML_ERROR_NOT_SUPPORTED;
    *id = 0;
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
        case 38: case 45: case 52: case 59: /* NVLink CRC flit, CRC data, replay, recovery error totals */
            if (dev->index != 0) { v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED; break; }
            v->valueType = 3; v->value.ullVal = v->fieldId == 52 ? 3 : (v->fieldId == 59 ? 1 : 0); break;
        case 138: case 139: /* NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX / RX, KiB, scopeId = link */
            if (dev->index != 0 || v->scopeId > 4) { v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED; break; }
            pthread_mutex_lock(&lock);
            if (v->fieldId == 138 && v->scopeId == 0) nvlink_reads[0]++;
            v->valueType = 3;
            v->value.ullVal = (v->scopeId + 1ULL) * 1000ULL * nvlink_reads[0] * (v->fieldId == 138 ? 2 : 1);
            pthread_mutex_unlock(&lock);
            break;
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
        infos[k].gpuInstanceId = procs[i].gi;
        infos[k].computeInstanceId = procs[i].gi == 0xFFFFFFFFu ? 0xFFFFFFFFu : 0;
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

int nvmlDeviceGetMaxClockInfo(nvmlDevice_t dev, int type, unsigned int *mhz) {
    CHECK(dev);
    switch (type) {
    case 0: *mhz = 1980; return NVML_SUCCESS;
    case 1: *mhz = 1980; return NVML_SUCCESS;
    case 2: *mhz = 2619; return NVML_SUCCESS;
    default: return NVML_ERROR_INVALID_ARGUMENT;
    }
}

int nvmlDeviceGetComputeMode(nvmlDevice_t dev, int *mode) {
    CHECK(dev);
    *mode = 0; /* NVML_COMPUTEMODE_DEFAULT */
    return NVML_SUCCESS;
}

typedef struct { unsigned char clusterUuid[16]; int status; unsigned int cliqueId; unsigned char state; }
    nvmlGpuFabricInfo_t;

int nvmlDeviceGetGpuFabricInfo(nvmlDevice_t dev, nvmlGpuFabricInfo_t *info) {
    CHECK(dev);
    if (dev->index != 0) return NVML_ERROR_NOT_SUPPORTED;
    memset(info, 0, sizeof *info);
    info->state = 3; /* NVML_GPU_FABRIC_STATE_COMPLETED */
    return NVML_SUCCESS;
}

int nvmlDeviceGetNvLinkState(nvmlDevice_t dev, unsigned int link, int *isActive) {
    CHECK(dev);
    if (dev->index != 0) return NVML_ERROR_NOT_SUPPORTED;
    if (link > 4) return NVML_ERROR_INVALID_ARGUMENT;
    *isActive = link < 4;
    return NVML_SUCCESS;
}

typedef struct { unsigned int pid; unsigned long long timeStamp; unsigned int smUtil, memUtil, encUtil, decUtil; }
    nvmlProcessUtilizationSample_t;

int nvmlDeviceGetProcessUtilization(nvmlDevice_t dev, nvmlProcessUtilizationSample_t *samples, unsigned int *count,
                                    unsigned long long lastSeen) {
    CHECK(dev);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned long long ts = (unsigned long long) now.tv_sec * 1000000ULL + now.tv_nsec / 1000;
    if (ts <= lastSeen) ts = lastSeen + 1;
    pthread_mutex_lock(&lock);
    unsigned int n = 0;
    for (int i = 0; i < nprocutils; i++) if (procutils[i].gpu == dev->index) n++;
    if (n == 0) { pthread_mutex_unlock(&lock); *count = 0; return NVML_ERROR_NOT_FOUND; }
    if (samples == NULL || *count < n) { *count = n; pthread_mutex_unlock(&lock); return NVML_ERROR_INSUFFICIENT_SIZE; }
    unsigned int k = 0;
    for (int i = 0; i < nprocutils; i++) {
        if (procutils[i].gpu != dev->index) continue;
        memset(&samples[k], 0, sizeof samples[k]);
        samples[k].pid = procutils[i].pid; samples[k].timeStamp = ts; samples[k].smUtil = procutils[i].sm;
        k++;
    }
    *count = k;
    pthread_mutex_unlock(&lock);
    return NVML_SUCCESS;
}

#ifndef FAKE_OLD_DRIVER
/* GPM: a sample holds per-GPU cumulative counters; metrics come from the difference of two samples. */
typedef struct { int gpu; unsigned long long step; } fake_gpm_sample;
typedef struct { unsigned int version, isSupportedDevice; } nvmlGpmSupport_t;
typedef struct { unsigned int metricId; int nvmlReturn; double value; char *shortName, *longName, *unit; } nvmlGpmMetric_t;
typedef struct { unsigned int version, numMetrics; fake_gpm_sample *sample1, *sample2; nvmlGpmMetric_t metrics[98]; }
    nvmlGpmMetricsGet_t;
static unsigned long long gpm_steps[MAX_GPUS];

static int gpm_supported(int index) {
    const char *s = getenv("FAKE_NVML_GPM");
    if (index == ctl_gpm) return 1;
    if (s == NULL) return index == 0;
    for (int i = 0; *s; s++) {
        if (*s == ',') { i++; continue; }
        if (i == index) return *s == '1';
    }
    return 0;
}

int nvmlGpmQueryDeviceSupport(nvmlDevice_t dev, nvmlGpmSupport_t *support) {
    CHECK(dev);
    if (support->version != 1) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    support->isSupportedDevice = (unsigned) gpm_supported(dev->index);
    return NVML_SUCCESS;
}

int nvmlGpmSampleAlloc(fake_gpm_sample **sample) {
    *sample = calloc(1, sizeof **sample);
    return *sample ? NVML_SUCCESS : NVML_ERROR_INVALID_ARGUMENT;
}

int nvmlGpmSampleFree(fake_gpm_sample *sample) { free(sample); return NVML_SUCCESS; }

int nvmlGpmSampleGet(nvmlDevice_t dev, fake_gpm_sample *sample) {
    CHECK(dev);
    if (!gpm_supported(dev->index)) return NVML_ERROR_NOT_SUPPORTED;
    pthread_mutex_lock(&lock);
    sample->gpu = dev->index;
    sample->step = ++gpm_steps[dev->index];
    pthread_mutex_unlock(&lock);
    return NVML_SUCCESS;
}

int nvmlGpmMigSampleGet(nvmlDevice_t dev, unsigned int gpuInstanceId, fake_gpm_sample *sample) {
    CHECK(dev);
    if (!gpm_supported(dev->index) || dev->index != mig_gpu() || gpuInstanceId < 1 || gpuInstanceId > 2)
        return NVML_ERROR_NOT_SUPPORTED;
    pthread_mutex_lock(&lock);
    /* per instance: its own step counter, kept apart from the device's */
    static unsigned long long mig_steps[MAX_GPUS][3];
    sample->gpu = dev->index * 16 + (int) gpuInstanceId;
    sample->step = ++mig_steps[dev->index][gpuInstanceId];
    pthread_mutex_unlock(&lock);
    return NVML_SUCCESS;
}

/* activity per step out of 1000 cycles (per mille), and MiB per step over one nominal second */
static int gpm_value(unsigned int id, double *per_step) {
    switch (id) {
    case 1: *per_step = 925; return 1;   case 2: *per_step = 875; return 1;   case 3: *per_step = 400; return 1;
    case 5: *per_step = 625; return 1;   case 10: *per_step = 300; return 1;  case 11: *per_step = 25; return 1;
    case 12: *per_step = 125; return 1;  case 13: *per_step = 250; return 1;
    case 20: *per_step = 64; return 2;   case 21: *per_step = 128; return 2;
    case 60: *per_step = 1024; return 2; case 61: *per_step = 2048; return 2;
    default: return 0;
    }
}

int nvmlGpmMetricsGet(nvmlGpmMetricsGet_t *m) {
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (m->version != 1) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    if (m->sample1 == NULL || m->sample2 == NULL || m->sample1->gpu != m->sample2->gpu
            || m->sample2->step <= m->sample1->step || m->numMetrics > 98) return NVML_ERROR_INVALID_ARGUMENT;
    double steps = (double) (m->sample2->step - m->sample1->step);
    for (unsigned int i = 0; i < m->numMetrics; i++) {
        double per_step;
        int kind = gpm_value(m->metrics[i].metricId, &per_step);
        if (kind == 0) { m->metrics[i].nvmlReturn = NVML_ERROR_NOT_SUPPORTED; continue; }
        double delta = per_step * steps;
        /* activity: delta active cycles / delta total cycles in percent; rates: delta MiB / delta nominal seconds */
        m->metrics[i].value = kind == 1 ? delta / (1000.0 * steps) * 100.0 : delta / steps;
        m->metrics[i].nvmlReturn = NVML_SUCCESS;
    }
    return NVML_SUCCESS;
}
#endif
