/* Fake libdcmi.so for the DCMI tests: two cards with one chip each; card 1's chip errors (-8005) on every
 * measurement, so the exporter must fall back to npu-smi or report health unknown for it. Same C ABI as
 * dcmi_interface_api.h. FAKE_DCMI_INIT_FAIL=1 makes dcmi_init fail. */
#include <stdlib.h>
#include <string.h>

struct dcmi_hbm_info { unsigned long long memory_size; unsigned int freq; unsigned long long memory_usage; int temp;
                       unsigned int bandwith_util_rate; };
struct dcmi_chip_info { unsigned char chip_type[32]; unsigned char chip_name[32]; unsigned char chip_ver[32];
                        unsigned int aicore_cnt; };
struct dcmi_proc_mem_info { int proc_id; unsigned long proc_mem_usage; };

#define BROKEN_CARD 1
#define DCMI_ERR_INTERNAL (-8005)
#define DCMI_ERR_INVALID_DEVICE (-8007)

int dcmi_init(void) { const char *f = getenv("FAKE_DCMI_INIT_FAIL"); return f && *f == '1' ? DCMI_ERR_INTERNAL : 0; }

int dcmi_get_driver_version(char *v, unsigned int len) { strncpy(v, "24.1.rc2", len); return 0; }

int dcmi_get_card_list(int *card_num, int *card_list, int list_len) {
    if (list_len < 2) return -8001;
    *card_num = 2; card_list[0] = 0; card_list[1] = 1; return 0;
}

int dcmi_get_device_num_in_card(int card_id, int *device_num) {
    if (card_id < 0 || card_id > 1) return DCMI_ERR_INVALID_DEVICE;
    *device_num = 1; return 0;
}

static int bad(int card_id, int device_id) { return card_id == BROKEN_CARD || device_id != 0; }

int dcmi_get_device_health(int card_id, int device_id, unsigned int *health) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    *health = 1; return 0; /* minor: Warning */
}

int dcmi_get_device_temperature(int card_id, int device_id, int *t) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    *t = 45; return 0;
}

int dcmi_get_device_power_info(int card_id, int device_id, int *power) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    *power = 1234; return 0; /* 123.4 W */
}

int dcmi_get_device_utilization_rate(int card_id, int device_id, int input_type, unsigned int *rate) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    switch (input_type) {
        case 2: *rate = 37; return 0;   /* AI Core */
        case 3: *rate = 5; return 0;    /* AI CPU */
        case 12: *rate = 12; return 0;  /* Vector */
        case 13: *rate = 40; return 0;  /* NPU */
        default: return -8255;
    }
}

int dcmi_get_device_hbm_info(int card_id, int device_id, struct dcmi_hbm_info *hbm) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    hbm->memory_size = 65536; hbm->freq = 1600; hbm->memory_usage = 2048; hbm->temp = 40;
    hbm->bandwith_util_rate = 7; return 0;
}

int dcmi_get_device_chip_info(int card_id, int device_id, struct dcmi_chip_info *info) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    memset(info, 0, sizeof *info);
    strcpy((char *) info->chip_type, "Ascend");
    strcpy((char *) info->chip_name, "910B3");
    strcpy((char *) info->chip_ver, "V1");
    info->aicore_cnt = 20; return 0;
}

int dcmi_get_device_resource_info(int card_id, int device_id, struct dcmi_proc_mem_info *proc, int *proc_num) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    proc[0].proc_id = 4242; proc[0].proc_mem_usage = 512UL * 1024 * 1024;
    proc[1].proc_id = 4343; proc[1].proc_mem_usage = 256UL * 1024 * 1024;
    *proc_num = 2; return 0;
}

/* Added for the full device set: voltage (0.01 V), network health, product type, card elabel, HBM ECC. */
struct dcmi_elabel_info { char product_name[256]; char model[256]; char manufacturer[256];
                          char manufacturer_date[256]; char serial_number[256]; };
struct dcmi_ecc_info { int enable_flag; unsigned int single_bit_error_cnt; unsigned int double_bit_error_cnt;
                       unsigned int total_single_bit_error_cnt; unsigned int total_double_bit_error_cnt;
                       unsigned int single_bit_isolated_pages_cnt; unsigned int double_bit_isolated_pages_cnt;
                       unsigned int single_bit_next_isolated_pages_cnt; unsigned int double_bit_next_isolated_pages_cnt; };

int dcmi_get_device_voltage(int card_id, int device_id, unsigned int *voltage) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    *voltage = 86; return 0;
}

int dcmi_get_device_network_health(int card_id, int device_id, int *result) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    *result = 0; return 0; /* DCMI_RDFX_DETECT_OK */
}

int dcmi_get_product_type(int card_id, int device_id, char *product_type, int buf_size) {
    if (bad(card_id, device_id)) return DCMI_ERR_INTERNAL;
    strncpy(product_type, "Atlas 800T A2", buf_size); return 0;
}

int dcmi_get_card_elabel_v2(int card_id, struct dcmi_elabel_info *info) {
    if (card_id == BROKEN_CARD) return DCMI_ERR_INTERNAL;
    memset(info, 0, sizeof *info);
    strcpy(info->product_name, "Atlas 800T A2"); strcpy(info->serial_number, "033DRS10MB000123"); return 0;
}

int dcmi_get_device_ecc_info(int card_id, int device_id, int input_type, struct dcmi_ecc_info *ecc) {
    if (bad(card_id, device_id) || input_type != 2) return DCMI_ERR_INTERNAL;
    memset(ecc, 0, sizeof *ecc);
    ecc->enable_flag = 1; ecc->total_single_bit_error_cnt = 3; return 0;
}

/* Virtual NPUs (compute partitioning): dcmi_get_device_info(DCMI_MAIN_CMD_VDEV_MNG = 52, sub command) with the
 * structures of dcmi_interface_api.h. Card 0 chip 0 is split into vNPU 100 (2 AI Cores, 35 %, 6 GiB of which 2 GiB
 * used) and vNPU 103 (1 AI Core, idle, 3 GiB); every other chip has no vNPU support. A buffer whose size is not the
 * structure's is refused, so a Java layout that differs from C's fails the test. */
struct dcmi_base_resource { unsigned long long token; unsigned long long token_max; unsigned long long task_timeout;
                            unsigned int vfg_id; unsigned char vip_mode; unsigned char reserved[31]; };
struct dcmi_computing_resource {
    float aic; float aiv;
    unsigned short dsa, rtsq, acsq, cdqm, c_core, ffts, sdma, pcie_dma;
    unsigned long long memory_size;
    unsigned int event_id, notify_id, stream_id, model_id;
    unsigned short topic_schedule_aicpu, host_ctrl_cpu, host_aicpu, device_aicpu, topic_ctrl_cpu_slot;
    unsigned int vdev_aicore_utilization;
    unsigned long long vdev_memory_total;
    unsigned long long vdev_memory_free;
    unsigned char reserved[12];
};
struct dcmi_media_resource { float jpegd, jpege, vpc, vdec, pngd, venc; unsigned char reserved[32]; };
struct dcmi_vdev_query_info { char name[16]; unsigned int status; unsigned int is_container_used; unsigned int vfid;
                              unsigned int vfg_id; unsigned long long container_id; struct dcmi_base_resource base;
                              struct dcmi_computing_resource computing; struct dcmi_media_resource media; };
struct dcmi_vdev_query_stru { unsigned int vdev_id; struct dcmi_vdev_query_info query_info; };
struct dcmi_soc_total_resource { unsigned int vdev_num; unsigned int vdev_id[32]; unsigned int vfg_num;
                                 unsigned int vfg_bitmap; struct dcmi_base_resource base;
                                 struct dcmi_computing_resource computing; struct dcmi_media_resource media; };

#define DCMI_MAIN_CMD_VDEV_MNG 52
#define DCMI_ERR_INVALID_PARAM (-8001)
#define DCMI_ERR_NOT_SUPPORT (-8255)
#define GIB_IN_KB (1024ULL * 1024ULL)

int dcmi_get_device_info(int card_id, int device_id, int main_cmd, unsigned int sub_cmd, void *buf,
                         unsigned int *size) {
    if (main_cmd != DCMI_MAIN_CMD_VDEV_MNG || bad(card_id, device_id)) return DCMI_ERR_NOT_SUPPORT;
    if (sub_cmd == 1) {
        struct dcmi_soc_total_resource *t = buf;
        if (*size != sizeof *t) return DCMI_ERR_INVALID_PARAM;
        memset(t, 0, sizeof *t);
        t->vdev_num = 2; t->vdev_id[0] = 100; t->vdev_id[1] = 103; t->computing.aic = 8; return 0;
    }
    if (sub_cmd != 0 && sub_cmd != 5) return DCMI_ERR_NOT_SUPPORT;
    struct dcmi_vdev_query_stru *q = buf;
    if (*size != sizeof *q) return DCMI_ERR_INVALID_PARAM;
    unsigned int id = q->vdev_id;
    if (id != 100 && id != 103) return DCMI_ERR_INVALID_PARAM;
    memset(q, 0, sizeof *q);
    q->vdev_id = id;
    if (sub_cmd == 0) { /* the vNPU's resources */
        strcpy(q->query_info.name, id == 100 ? "vir02" : "vir01");
        q->query_info.computing.aic = id == 100 ? 2 : 1;
        q->query_info.computing.memory_size = id == 100 ? 6144 : 3072;
        return 0;
    }
    /* sub command 5: the vNPU's activity */
    q->query_info.computing.vdev_aicore_utilization = id == 100 ? 35 : 0;
    q->query_info.computing.vdev_memory_total = (id == 100 ? 6 : 3) * GIB_IN_KB;
    q->query_info.computing.vdev_memory_free = id == 100 ? 4 * GIB_IN_KB : 3 * GIB_IN_KB;
    return 0;
}
