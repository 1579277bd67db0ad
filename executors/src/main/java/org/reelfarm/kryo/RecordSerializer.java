package org.reelfarm.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Kryo 4 (Spark's) cannot serialize Java records field by field; this writes a record's
 * components in declaration order and reads them back through the canonical constructor, so the
 * compact constructor's validation runs on executors too.
 */
final class RecordSerializer<T extends Record> extends Serializer<T> {
    private final RecordComponent[] components;
    private final Constructor<T> constructor;

    RecordSerializer(Class<T> type) {
        this.components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        for (RecordComponent component : components) {
            try {
                kryo.writeClassAndObject(output, component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<T> type) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = kryo.readClassAndObject(input);
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot rebuild " + type.getName(), e);
        }
    }
}
