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
