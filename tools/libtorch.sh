# Which libtorch DJL loads: sourced by bin/srpo and `make lab` (so the Java kernel inherits it). One switch,
# SRPO_LIBTORCH:
#   unset or "bundled"  the CPU natives from Maven Central (pytorch-native-cpu 2.7.1), the default
#   "pypi"              the libtorch inside .venv-export's torch 2.7.1 wheel from PyPI (a CUDA build; make gpu-env
#                       builds it), loaded through the CUDA JNI library that DJL's pytorch-jni jar carries (cu128)
#   a directory         any libtorch 2.7.1 folder (its lib/ with libtorch.so), loaded through the same JNI library
# DJL reads PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR; the JNI library must match torch 2.7.1.
srpo_libtorch() {
  local root=$1 choice=${SRPO_LIBTORCH:-bundled} lib
  case "$choice" in
    bundled|"") return 0 ;;
    pypi) lib=$(ls -d "$root"/.venv-export/lib/python3*/site-packages/torch/lib 2>/dev/null | head -1) ;;
    *) lib=$(cd "$choice" 2>/dev/null && pwd) || lib=$choice  # absolute: a kernel may start elsewhere
       [ -f "$lib/libtorch.so" ] || lib=$lib/lib ;;
  esac
  if [ -z "$lib" ] || [ ! -f "$lib/libtorch.so" ]; then
    echo "SRPO_LIBTORCH=$choice: no libtorch.so found${lib:+ in $lib}; 'pypi' needs .venv-export (make gpu-env), a" \
      "directory must hold libtorch 2.7.1's libraries" >&2
    return 1
  fi
  local version
  version=$(sed -n "s/^__version__ = '\([0-9.]*\).*/\1/p" "$lib/../version.py" 2>/dev/null || true)
  if [ -n "$version" ] && [ "$version" != "2.7.1" ]; then
    echo "SRPO_LIBTORCH=$choice: $lib is torch $version; DJL 0.36's JNI library is built for torch 2.7.1" >&2
    return 1
  fi
  local flavor=cpu
  if [ -f "$lib/libtorch_cuda.so" ]; then
    flavor=cu128  # the only CUDA JNI flavour in pytorch-jni 2.7.1-0.36.0; it links libtorch's libraries only
    # DJL loads every library of the folder, libcaffe2_nvrtc.so too, which needs NVIDIA's driver library
    local libs  # captured first: grep -q in a pipe under pipefail can fail on ldconfig's SIGPIPE
    libs=$( (command -v ldconfig >/dev/null && ldconfig -p) 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
    if ! grep -q 'libcuda\.so\.1' <<<"$libs"; then
      echo "SRPO_LIBTORCH=$choice: $lib is a CUDA build, and this machine has no NVIDIA driver (libcuda.so.1):" \
        "DJL cannot load it here; leave SRPO_LIBTORCH unset for the bundled CPU natives" >&2
      return 1
    fi
  fi
  export PYTORCH_LIBRARY_PATH=$lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=$flavor
}
