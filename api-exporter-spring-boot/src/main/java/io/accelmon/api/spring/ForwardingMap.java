package io.accelmon.api.spring;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A map that forwards every call, the atomic ones included, to another; subclasses override what they watch.
 * (The JDK has none; {@link java.util.AbstractMap} would turn every lookup into a scan.)
 */
class ForwardingMap implements Map<String, Object> {

    private final Map<String, Object> delegate;

    ForwardingMap(Map<String, Object> delegate) {
        this.delegate = delegate;
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public boolean isEmpty() {
        return delegate.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return delegate.containsValue(value);
    }

    @Override
    public Object get(Object key) {
        return delegate.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return delegate.getOrDefault(key, defaultValue);
    }

    @Override
    public Object put(String key, Object value) {
        return delegate.put(key, value);
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ?> map) {
        map.forEach(this::put);
    }

    @Override
    public Object remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return delegate.remove(key, value);
    }

    @Override
    public Object replace(String key, Object value) {
        return delegate.replace(key, value);
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        return delegate.replace(key, oldValue, newValue);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        delegate.replaceAll(function);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> function) {
        return delegate.computeIfAbsent(key, function);
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function) {
        return delegate.computeIfPresent(key, function);
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
        return delegate.compute(key, function);
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
        return delegate.merge(key, value, function);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        delegate.forEach(action);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public Set<String> keySet() {
        return delegate.keySet();
    }

    @Override
    public Collection<Object> values() {
        return delegate.values();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return delegate.entrySet();
    }

    @Override
    public boolean equals(Object other) {
        return delegate.equals(other);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
