package io.rawpipeline.connect.s3;

import io.rawpipeline.connect.s3.config.S3SourceConfig;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Reads the objects that S3 announces on an SQS queue into raw line topics. Every task polls the same queue (SQS
 * hands each message to one consumer), so tasks scale the read rate.
 */
public final class S3SourceConnector extends SourceConnector {

    static final String VERSION = versionOf(S3SourceConnector.class);

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new S3SourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3SourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return S3SourceConfig.CONFIG_DEF;
    }

    /** Offsets are committed with the lines, and no line is emitted twice from the same offsets. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public String version() {
        return VERSION;
    }

    static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
