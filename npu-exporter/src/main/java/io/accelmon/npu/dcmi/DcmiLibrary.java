package io.accelmon.npu.dcmi;

import com.sun.jna.Library;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/**
 * The stable part of the DCMI C API ({@code dcmi_interface_api.h}) bound with JNA. Only small structs whose layout
 * every header copy agrees on are bound (hbm, chip info, process memory). A symbol the installed library lacks throws
 * {@link UnsatisfiedLinkError} on call and is treated as unsupported.
 */
public interface DcmiLibrary extends Library {

    int dcmi_init();

    int dcmi_get_driver_version(byte[] version, int len);

    int dcmi_get_card_list(IntByReference cardNum, int[] cardList, int listLen);

    int dcmi_get_device_num_in_card(int cardId, IntByReference deviceNum);

    int dcmi_get_device_health(int cardId, int deviceId, IntByReference health);

    int dcmi_get_device_temperature(int cardId, int deviceId, IntByReference temperature);

    /** Unit 0.1 W. */
    int dcmi_get_device_power_info(int cardId, int deviceId, IntByReference power);

    int dcmi_get_device_utilization_rate(int cardId, int deviceId, int inputType, IntByReference rate);

    int dcmi_get_device_hbm_info(int cardId, int deviceId, HbmInfo info);

    int dcmi_get_device_chip_info(int cardId, int deviceId, ChipInfo info);

    /** Unit 0.01 V. */
    int dcmi_get_device_voltage(int cardId, int deviceId, IntByReference voltage);

    /** {@code enum dcmi_rdfx_detect_result}: 0 OK, 6 init (not probed yet), anything else a network fault. */
    int dcmi_get_device_network_health(int cardId, int deviceId, IntByReference result);

    int dcmi_get_product_type(int cardId, int deviceId, byte[] productType, int bufSize);

    int dcmi_get_card_elabel_v2(int cardId, ElabelInfo info);

    int dcmi_get_device_ecc_info(int cardId, int deviceId, int inputType, EccInfo info);

    int dcmi_get_device_resource_info(int cardId, int deviceId, ProcMemInfo procInfo, IntByReference procNum);

    /**
     * {@code dcmi_get_device_info(card, device, main_cmd, sub_cmd, buf, &size)}: the generic query; with
     * {@link #MAIN_CMD_VDEV_MNG} it reads the virtual NPUs (vNPU) of a chip. {@code size} is the buffer's size in, the
     * size written out.
     */
    int dcmi_get_device_info(int cardId, int deviceId, int mainCmd, int subCmd, Structure buf, IntByReference size);

    /** {@code struct dcmi_hbm_info}: sizes in MB, frequency MHz, temperature °C. */
    @Structure.FieldOrder({"memory_size", "freq", "memory_usage", "temp", "bandwith_util_rate"})
    class HbmInfo extends Structure {
        public long memory_size;
        public int freq;
        public long memory_usage;
        public int temp;
        public int bandwith_util_rate;
    }

    /** {@code struct dcmi_chip_info}. */
    @Structure.FieldOrder({"chip_type", "chip_name", "chip_ver", "aicore_cnt"})
    class ChipInfo extends Structure {
        public byte[] chip_type = new byte[32];
        public byte[] chip_name = new byte[32];
        public byte[] chip_ver = new byte[32];
        public int aicore_cnt;
    }

    /** {@code struct dcmi_proc_mem_info}: host pid, bytes. */
    @Structure.FieldOrder({"proc_id", "proc_mem_usage"})
    class ProcMemInfo extends Structure {
        public int proc_id;
        public long proc_mem_usage;
    }

    /** {@code struct dcmi_elabel_info}: five 256-byte strings. */
    @Structure.FieldOrder({"product_name", "model", "manufacturer", "manufacturer_date", "serial_number"})
    class ElabelInfo extends Structure {
        public byte[] product_name = new byte[256];
        public byte[] model = new byte[256];
        public byte[] manufacturer = new byte[256];
        public byte[] manufacturer_date = new byte[256];
        public byte[] serial_number = new byte[256];
    }

    /** {@code struct dcmi_ecc_info}. */
    @Structure.FieldOrder({"enable_flag", "single_bit_error_cnt", "double_bit_error_cnt", "total_single_bit_error_cnt",
        "total_double_bit_error_cnt", "single_bit_isolated_pages_cnt", "double_bit_isolated_pages_cnt",
        "single_bit_next_isolated_pages_cnt", "double_bit_next_isolated_pages_cnt"})
    class EccInfo extends Structure {
        public int enable_flag;
        public int single_bit_error_cnt;
        public int double_bit_error_cnt;
        public int total_single_bit_error_cnt;
        public int total_double_bit_error_cnt;
        public int single_bit_isolated_pages_cnt;
        public int double_bit_isolated_pages_cnt;
        public int single_bit_next_isolated_pages_cnt;
        public int double_bit_next_isolated_pages_cnt;
    }

    /** {@code struct dcmi_base_resource}. */
    @Structure.FieldOrder({"token", "token_max", "task_timeout", "vfg_id", "vip_mode", "reserved"})
    class BaseResource extends Structure {
        public long token;
        public long token_max;
        public long task_timeout;
        public int vfg_id;
        public byte vip_mode;
        public byte[] reserved = new byte[31];
    }

    /** {@code struct dcmi_computing_resource}: AI Core share, memory; for a vNPU its utilisation and memory (KB). */
    @Structure.FieldOrder({"aic", "aiv", "dsa", "rtsq", "acsq", "cdqm", "c_core", "ffts", "sdma", "pcie_dma",
        "memory_size", "event_id", "notify_id", "stream_id", "model_id", "topic_schedule_aicpu", "host_ctrl_cpu",
        "host_aicpu", "device_aicpu", "topic_ctrl_cpu_slot", "vdev_aicore_utilization", "vdev_memory_total",
        "vdev_memory_free", "reserved"})
    class ComputingResource extends Structure {
        public float aic;
        public float aiv;
        public short dsa;
        public short rtsq;
        public short acsq;
        public short cdqm;
        public short c_core;
        public short ffts;
        public short sdma;
        public short pcie_dma;
        public long memory_size;
        public int event_id;
        public int notify_id;
        public int stream_id;
        public int model_id;
        public short topic_schedule_aicpu;
        public short host_ctrl_cpu;
        public short host_aicpu;
        public short device_aicpu;
        public short topic_ctrl_cpu_slot;
        public int vdev_aicore_utilization;
        public long vdev_memory_total;
        public long vdev_memory_free;
        public byte[] reserved = new byte[12];
    }

    /** {@code struct dcmi_media_resource}. */
    @Structure.FieldOrder({"jpegd", "jpege", "vpc", "vdec", "pngd", "venc", "reserved"})
    class MediaResource extends Structure {
        public float jpegd;
        public float jpege;
        public float vpc;
        public float vdec;
        public float pngd;
        public float venc;
        public byte[] reserved = new byte[32];
    }

    /** {@code struct dcmi_soc_total_resource}: the ids of the chip's vNPUs ({@link #VDEV_TOTAL_RESOURCE}). */
    @Structure.FieldOrder({"vdev_num", "vdev_id", "vfg_num", "vfg_bitmap", "base", "computing", "media"})
    class SocTotalResource extends Structure {
        public int vdev_num;
        public int[] vdev_id = new int[32];
        public int vfg_num;
        public int vfg_bitmap;
        public BaseResource base;
        public ComputingResource computing;
        public MediaResource media;
    }

    /** {@code struct dcmi_vdev_query_info}. */
    @Structure.FieldOrder({"name", "status", "is_container_used", "vfid", "vfg_id", "container_id", "base",
        "computing", "media"})
    class VdevQueryInfo extends Structure {
        public byte[] name = new byte[16];
        public int status;
        public int is_container_used;
        public int vfid;
        public int vfg_id;
        public long container_id;
        public BaseResource base;
        public ComputingResource computing;
        public MediaResource media;
    }

    /** {@code struct dcmi_vdev_query_stru}: {@code vdev_id} in, the vNPU's resources or activity out. */
    @Structure.FieldOrder({"vdev_id", "query_info"})
    class VdevQuery extends Structure {
        public int vdev_id;
        public VdevQueryInfo query_info;
    }

    /** {@code DCMI_MAIN_CMD_VDEV_MNG} and its sub-commands (resources of one vNPU, all vNPUs, one vNPU's activity). */
    int MAIN_CMD_VDEV_MNG = 52;
    int VDEV_RESOURCE = 0;
    int VDEV_TOTAL_RESOURCE = 1;
    int VDEV_ACTIVITY = 5;

    /** {@code enum dcmi_device_type} value of HBM for {@link #dcmi_get_device_ecc_info}. */
    int DEVICE_TYPE_HBM = 2;
    int NETWORK_OK = 0;
    int NETWORK_INIT = 6;

    int UTIL_AICORE = 2;
    int UTIL_AICPU = 3;
    int UTIL_HBM = 6;
    int UTIL_VECTOR = 12;
    int UTIL_NPU = 13;
}
