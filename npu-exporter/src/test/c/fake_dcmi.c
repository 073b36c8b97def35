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
